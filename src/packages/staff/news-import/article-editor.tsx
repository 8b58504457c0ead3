import { Input, Textarea, View } from '@tarojs/components'
import { ARTICLE_KINDS, ARTICLE_KIND_LABELS } from '../../../../common/enums'
import { NEWS_LIMITS } from '../../../../common/rules'
import { MAX_TEXT, type EditableArticle } from './import-draft'
import { Tappable } from '../../../components/tappable'

/** One article of the preview: its kind, 不导入, the texts staff may correct, the suggested buttons. */
export function ArticleEditor({ article: a, error, onChange }: { article: EditableArticle; error?: string; onChange: (patch: Partial<EditableArticle>) => void }) {
  return (
    <View className={`card import-article${a.skip ? ' import-article--skipped' : ''}${error ? ' import-article--invalid' : ''}`}>
      <View className='import-article__head'>
        <View className='import-article__kinds'>
          {ARTICLE_KINDS.map((kind) => (
            <Tappable
              key={kind}
              className={`import-article__kind${a.kind === kind ? ' import-article__kind--on' : ''}`}
              pressed={a.kind === kind}
              onClick={() => onChange({ kind })}
            >
              {ARTICLE_KIND_LABELS[kind]}
            </Tappable>
          ))}
        </View>
        {a.duplicate && <View className='import-article__dup'>已发布过</View>}
      </View>
      <Tappable role='checkbox' className='import-article__skip' pressed={a.skip} onClick={() => onChange({ skip: !a.skip })}>
        <View className={`import-article__box${a.skip ? ' import-article__box--on' : ''}`} aria-hidden='true'>
          {a.skip ? '✓' : ''}
        </View>
        <View>不导入{a.duplicate ? '（已发布过，默认不导入）' : ''}</View>
      </Tappable>
      <View className='import-article__label'>标题</View>
      <Input className='import-article__input import-article__title' value={a.title} maxlength={NEWS_LIMITS.title[1]} onInput={(e) => onChange({ title: e.detail.value })} />
      <View className='import-article__label'>副标题（可不填）</View>
      <Input className='import-article__input import-article__subtitle' value={a.subtitle} maxlength={NEWS_LIMITS.subtitle[1]} onInput={(e) => onChange({ subtitle: e.detail.value })} />
      <View className='import-article__label'>作者（可不填）</View>
      <Input className='import-article__input import-article__byline' value={a.byline} maxlength={NEWS_LIMITS.byline[1]} onInput={(e) => onChange({ byline: e.detail.value })} />
      <View className='import-article__label'>正文（段落之间空一行）</View>
      <Textarea
        className='import-article__body'
        value={a.body}
        maxlength={MAX_TEXT}
        autoHeight
        onInput={(e) => onChange({ body: e.detail.value })}
      />
      {(a.links ?? []).length > 0 && (
        <View className='import-article__links'>
          <View className='import-article__label'>文章下方的按钮（根据文中内容建议，不需要的请取消）</View>
          {a.links!.map((l, k) => (
            <Tappable
              key={`${l.target}-${l.targetId ?? 0}`}
              role='checkbox'
              className='import-article__link'
              pressed={l.keep}
              data-target={l.target}
              onClick={() => onChange({ links: a.links!.map((x, j) => (j === k ? { ...x, keep: !x.keep } : x)) })}
            >
              <View className={`import-article__box import-article__link-box${l.keep ? ' import-article__link-box--on' : ''}`} aria-hidden='true'>
                {l.keep ? '✓' : ''}
              </View>
              <View>
                <View className='import-article__link-label'>{l.label}</View>
                <View className='muted'>文中提到：{l.because}</View>
              </View>
            </Tappable>
          ))}
        </View>
      )}
      {a.photos.length > 0 && <View className='muted import-article__photos'>图片 {a.photos.length} 张：{a.photos.map((p) => p.caption).filter(Boolean).join('；')}</View>}
      {error && <View className='error-text import-article__error'>{error}</View>}
    </View>
  )
}
