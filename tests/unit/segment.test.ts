// Word segmentation for search (jieba cutForSearch): what goes into listings.search_tokens and
// what a query is matched with.
import { queryTokens, searchTokens, segment } from '../../server/src/modules/listings/listings.search'

describe('segment', () => {
  it('keeps 2-character words as words (what trigram indexes miss)', () => {
    const words = segment('甘孜县的牦牛、虫草和青稞')
    for (const w of ['牦牛', '虫草', '青稞', '甘孜']) expect(words).toContain(w)
    // cutForSearch also keeps the longer word it found the shorter one in.
    expect(words).toContain('甘孜县')
  })

  it('drops punctuation, whitespace, emoji and symbols', () => {
    const words = segment('求助！！牦牛，  虫草。。。“青稞”？😀🐮 ★ ~~~ (甘孜) 【急】…… \n\t')
    expect(words).toEqual(['求助', '牦牛', '虫草', '青稞', '甘孜', '急'])
    expect(segment('，。！？；：“”（）【】《》、…—～!@#$%^&*()_+-=[]{}|;:\'",.<>/?`')).toEqual([])
    expect(segment('   ')).toEqual([])
    expect(segment('')).toEqual([])
  })

  it('lower-cases latin words and folds full-width letters and digits', () => {
    expect(segment('iPhone15 拍照 AI识别 5G')).toEqual(['iphone15', '拍照', 'ai', '识别', '5g'])
    expect(segment('ＡＩ识别 ５Ｇ')).toEqual(['ai', '识别', '5g'])
    expect(segment('DJI 无人机 dji')).toEqual(['dji', '无人', '人机', '无人机'])
  })

  it('de-duplicates, keeping the order of first appearance', () => {
    expect(segment('牦牛 牦牛 牦牛，虫草 牦牛 虫草')).toEqual(['牦牛', '虫草'])
  })

  it('drops function words but keeps content single characters', () => {
    // 的, 和, 我, 怎么 go; 补 and 饲 (jieba leaves 补饲 as two characters) and 猪 stay.
    expect(segment('我的牦牛和猪怎么补饲')).toEqual(['牦牛', '猪', '补', '饲'])
    expect(segment('的了吗呢吧')).toEqual([])
  })

  it('splits a 6-character phrase into the words a post about it is indexed with', () => {
    expect(segment('牦牛冬季补饲')).toEqual(['牦牛', '冬季', '补', '饲'])
  })
})

describe('queryTokens and searchTokens', () => {
  it('indexes HMM words and their characters; queries use dictionary words only', () => {
    // 飞防 is not in jieba's dictionary: with HMM on it may be guessed as one word, depending on context.
    const stored = searchTokens('无人机飞防', '').split(' ')
    expect(stored).toEqual(expect.arrayContaining(['飞防', '飞', '防']))
    for (const w of queryTokens('飞防')) expect(stored).toContain(w)
  })

  it('writes title words twice and description words once', () => {
    expect(searchTokens('青稞良种', '青稞播种。').split(' ')).toEqual(['青稞', '良种', '青稞', '良种', '青稞', '播种'])
  })

  it('has nothing to search for in punctuation or emoji', () => {
    expect(queryTokens('"*)(NEAR')).toEqual(['near'])
    expect(queryTokens('😀？！')).toEqual([])
  })
})
