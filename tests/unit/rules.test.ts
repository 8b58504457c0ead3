// The agreement test: every form's validator (common/rules, what the app checks before sending)
// against the zod schema the server validates the same body with (common/schemas). For each input
// both must name the same fields with the same messages — the `fields` of the server's 400, built
// as server/src/plugins/errors.ts builds them — and accept the same inputs. Each case also states
// the fields it expects, so a table where both sides accept everything cannot pass.
import type { z } from 'zod'
import {
  awardLabel,
  awardText,
  contestCrossFieldProblems,
  fieldMessage,
  isMobilePhone,
  isSignupOpen,
  lengthMessage,
  listingActions,
  missingVerificationDetails,
  nextStage,
  textProblem,
  validateArticle,
  validateContestForm,
  validateEntryForm,
  validateFeedback,
  validateListingForm,
  validateNomination,
  validateProfile,
  validateStudio,
  validateRejectReason,
  validateResponse,
  validateVerification,
  VERIFICATION_REQUIRED,
  type FieldErrors,
} from '../../common/rules'
import { confirmNominationInput, contestInput, entryInput, nominationInput } from '../../common/schemas/contests'
import { feedbackInput, listingInput, patentNo, rejectInput, responseInput } from '../../common/schemas/listings'
import { articleInput } from '../../common/schemas/news'
import { verificationRequest } from '../../common/schemas/review'
import { profileUpdateBody } from '../../common/schemas/users'
import { studioUpdateBody } from '../../common/schemas/studios'
import { LISTING_STATUSES } from '../../common/enums'

/** The `fields` of the server's 400 for this body ({} when the schema takes it). */
function serverFields(schema: z.ZodType, input: unknown): FieldErrors {
  const result = schema.safeParse(input)
  const fields: FieldErrors = {}
  for (const issue of result.error?.issues ?? []) fields[issue.path.join('.') || 'body'] = fieldMessage(issue.message)
  return fields
}

type Case = [name: string, input: object, paths: string[]]

/** Each case: the validator's answer equals the server's, and names `paths`. */
function agree(schema: z.ZodType, validate: (input: object) => FieldErrors, cases: Case[]): void {
  it.each(cases)('%s', (_name, input, paths) => {
    const server = serverFields(schema, input)
    expect(validate(input)).toEqual(server)
    expect(Object.keys(server).sort()).toEqual([...paths].sort())
  })
}

const n = (count: number, ch = '字') => ch.repeat(count)
const ZW = '\u200b'
const EMOJI = '😀' // one character, two UTF-16 units
const FARMER = '👩‍🌾' // one person: 👩 + zero-width joiner + 🌾 (three code points)

/** Boundary texts for a [min, max] field: [name, value, accepted]. */
function lengths(min: number, max: number): Array<[string, string, boolean]> {
  const cases: Array<[string, string, boolean]> = [
    [`${max} characters`, n(max), true],
    [`${max + 1} characters`, n(max + 1), false],
    [`${max} emoji`, n(max, EMOJI), true],
    [`${max + 1} emoji`, n(max + 1, EMOJI), false],
    ['a NUL inside', `${n(Math.max(min, 2) - 1)}\u0000${n(1)}`, false],
    ['an escape sequence', `\u001b[31m${n(Math.max(min, 1))}`, false],
    ['a bidi override', `\u202e${n(Math.max(min, 1))}`, true],
    ['a line break inside', `${n(1)}\n${n(Math.max(min - 1, 1))}`, true],
    [`${max} characters padded with spaces and zero-width spaces`, ` ${ZW}${n(max)}${ZW} `, true],
  ]
  if (min > 0) {
    cases.push(
      [`${min} characters`, n(min), true],
      [`${min - 1} characters`, n(min - 1), false],
      [`${min - 1} characters padded to ${min} with zero-width spaces`, n(min - 1) + ZW, false],
      [`${min - 1} characters padded with a joiner`, `${n(min - 1)}\u200d`, false],
      ['only spaces', n(min + 1, ' '), false],
    )
    if (min > 1) cases.push([`${min - 1} characters and a woman farmer emoji`, n(min - 1) + FARMER, true])
  } else cases.push(['empty', '', true], ['only zero-width spaces', `${ZW}${ZW}`, true])
  return cases
}

/** Cases for one text field of `base` at `path` ('contact.name'). */
function textCases(base: object, path: string, min: number, max: number): Case[] {
  return lengths(min, max).map(([name, value, ok]) => [`${path}: ${name}`, set(base, path, value), ok ? [] : [path]])
}

const PHONES: Array<[string, boolean]> = [
  ['13800001234', true],
  ['19912345678', true],
  ['12800001234', false],
  ['1380000123', false],
  ['138000012345', false],
  [' 13800001234', false],
  ['+8613800001234', false],
  ['１３８００００１２３４', false],
  ['138-0000-1234', false],
  ['', false],
]

function phoneCases(base: object, path: string): Case[] {
  return PHONES.map(([phone, ok]) => [`${path}: ${JSON.stringify(phone)}`, set(base, path, phone), ok ? [] : [path]])
}

/** A copy of `base` with `path` set (undefined deletes it). */
function set(base: object, path: string, value: unknown): object {
  const copy = structuredClone(base) as Record<string, any>
  const keys = path.split('.')
  let at = copy
  for (const k of keys.slice(0, -1)) at = at[k]
  const last = keys[keys.length - 1]
  if (value === undefined) delete at[last]
  else at[last] = value
  return copy
}

// ---------------------------------------------------------------- listings

const POST = {
  side: 'need',
  title: '牦牛冬季补饲',
  category: 'breeding',
  regionCode: '513328200',
  description: '家里三十头牦牛，入冬后掉膘',
  photoIds: [],
  contact: { name: '扎西', phone: '13800001234', note: '晚上打' },
}
const PROXY = { ...POST, proxy: { name: '卓玛', phone: '13900001111', regionCode: '513328200', consent: true } }
const ACHIEVEMENT = {
  ...POST,
  kind: 'achievement',
  side: 'offer',
  achievement: { stage: 'pilot', transferMode: 'license', patentNo: 'ZL202110123456.7', institution: '四川省农科院' },
}

const PATENTS: Array<[string, boolean]> = [
  ['ZL202110123456.7', true],
  ['zl 2021 1012 3456.7', true],
  ['202110123456.X', true],
  ['ZL20211012.3', true],
  ['CNA20211234.5', true],
  ['cna 202112345.6', true],
  ['', true],
  ['   ', true],
  ['ZL2021101234567', false],
  ['ZL20211012345.7', false],
  ['CNA2021123.4', false],
  ['ZL202110123456.77', false],
  ['12345', false],
  [`ZL202110123456.7${n(25, ' ')}`, false], // valid once the spaces go, but over 40 as typed
  [`ZL202110123456.7${n(24, ' ')}`, true],
]

describe('validateListingForm ≡ listingInput', () => {
  agree(listingInput, validateListingForm, [
    ['a post', POST, []],
    ['a post with kind', { ...POST, kind: 'post' }, []],
    ['a post without photos or note', set(set(POST, 'photoIds', undefined), 'contact.note', undefined), []],
    ['a post for a farmer (代发)', PROXY, []],
    ['a 科技成果', ACHIEVEMENT, []],
    ['an empty form', {}, ['side', 'title', 'category', 'regionCode', 'description', 'contact']],
    ['what a blank publish form sends', { ...POST, title: '', category: null, regionCode: null, description: '', contact: { name: '', phone: '', note: '' } }, ['title', 'category', 'regionCode', 'description', 'contact.name', 'contact.phone']],
    ['an unknown kind: only the kind is named', { ...POST, kind: 'ad', title: '' }, ['kind']],
    ['a null kind', { ...POST, kind: null }, ['kind']],
    ['an unknown side', { ...POST, side: 'sell' }, ['side']],
    ['a null note', set(POST, 'contact.note', null), ['contact.note']],
    ['a post with a null proxy and null achievement', { ...POST, proxy: null, achievement: null }, []],
    ['an unknown category', { ...POST, category: 'mining' }, ['category']],
    ['a county instead of a township', { ...POST, regionCode: '513328' }, ['regionCode']],
    ['a township outside Sichuan', { ...POST, regionCode: '110101001' }, ['regionCode']],
    ['nine photos', { ...POST, photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, []],
    ['ten photos', { ...POST, photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, ['photoIds']],
    ['a photo id of 0 and one of text', { ...POST, photoIds: [0, '2'] }, ['photoIds.0', 'photoIds.1']],
    ['no contact', set(POST, 'contact', null), ['contact']],
    ['a question to an expert (向专家提问)', { ...POST, expertId: 7 }, []],
    ['no expert', { ...POST, expertId: null }, []],
    ['an expert id of 0', { ...POST, expertId: 0 }, ['expertId']],
    ['an expert id as text', { ...POST, expertId: '7' }, ['expertId']],
    ['an expert id over 32 bits', { ...POST, expertId: 2 ** 31 }, ['expertId']],
    // 语音求助: a need sent as a voice note may have no words; anything else keeps its minimums.
    ['a need with a voice note and words', { ...POST, voiceId: 12 }, []],
    ['a need by voice alone', { ...POST, voiceId: 12, title: '', description: '' }, []],
    ['a need by voice with a short title', { ...POST, voiceId: 12, title: '牦牛', description: '  ' }, []],
    ['a need by voice with a title too long', { ...POST, voiceId: 12, title: n(41), description: '' }, ['title']],
    ['a need by voice with a control character', { ...POST, voiceId: 12, title: 'a\u0000b', description: '' }, ['title']],
    ['a need without a voice note has words', { ...POST, voiceId: null, title: '', description: '' }, ['title', 'description']],
    ['a voice id of 0 is no voice note', { ...POST, voiceId: 0, title: '', description: '' }, ['voiceId', 'title', 'description']],
    ['a voice id as text', { ...POST, voiceId: '12', title: '' }, ['voiceId', 'title']],
    ['an offer by voice still needs words', { ...POST, side: 'offer', voiceId: 12, title: '', description: '' }, ['title', 'description']],
    ['a 科技成果 by voice still needs words', { ...ACHIEVEMENT, voiceId: 12, title: '', description: '' }, ['title', 'description']],
    ['a blank need by voice with no category', { ...POST, voiceId: 12, title: '', description: '', category: null }, ['category']],
    ['a voice note with no side', { ...set(POST, 'side', undefined), voiceId: 12, title: '', description: '' }, ['side', 'title', 'description']],
    ...textCases(POST, 'title', 4, 40),
    ...textCases(POST, 'description', 10, 2000),
    ...textCases(POST, 'contact.name', 1, 20),
    ...textCases(POST, 'contact.note', 0, 40),
    ...phoneCases(POST, 'contact.phone'),
    // 代发
    ...textCases(PROXY, 'proxy.name', 1, 20),
    ...phoneCases(PROXY, 'proxy.phone'),
    ['代发 without consent', set(PROXY, 'proxy.consent', false), ['proxy.consent']],
    ['代发 with consent left out', set(PROXY, 'proxy.consent', undefined), ['proxy.consent']],
    ['代发 for a county', set(PROXY, 'proxy.regionCode', '513328'), ['proxy.regionCode']],
    ['代发 with nothing filled in', set(PROXY, 'proxy', { name: '', phone: '', regionCode: '', consent: false }), ['proxy.name', 'proxy.phone', 'proxy.regionCode', 'proxy.consent']],
    ['a post with achievement fields', { ...POST, achievement: ACHIEVEMENT.achievement }, ['achievement']],
    ['achievement fields without a kind', { ...ACHIEVEMENT, kind: undefined }, ['achievement']],
    // 科技成果
    ['a 科技成果 as a need', { ...ACHIEVEMENT, side: 'need' }, ['side']],
    ['a 科技成果 without a side', set(ACHIEVEMENT, 'side', undefined), ['side']],
    ['a 科技成果 posted for a farmer', { ...ACHIEVEMENT, proxy: PROXY.proxy }, ['proxy']],
    ['a 科技成果 without its fields', { ...ACHIEVEMENT, achievement: null }, ['achievement']],
    ['a 科技成果 with its fields left out', set(ACHIEVEMENT, 'achievement', undefined), ['achievement']],
    ['a 科技成果 whose fields are text', { ...ACHIEVEMENT, achievement: 'pilot' }, ['achievement']],
    ['a 科技成果 with empty fields', { ...ACHIEVEMENT, achievement: {} }, ['achievement.stage', 'achievement.transferMode', 'achievement.institution']],
    ['a 科技成果 without a patent', set(ACHIEVEMENT, 'achievement.patentNo', undefined), []],
    ['a 科技成果 with a null patent', set(ACHIEVEMENT, 'achievement.patentNo', null), []],
    ['a patent number as a number', set(ACHIEVEMENT, 'achievement.patentNo', 202110123456), ['achievement.patentNo']],
    ['an unknown stage', set(ACHIEVEMENT, 'achievement.stage', 'idea'), ['achievement.stage']],
    ...textCases(ACHIEVEMENT, 'achievement.institution', 2, 50),
    ...PATENTS.map(([s, ok]): Case => [`patent ${JSON.stringify(s)}`, set(ACHIEVEMENT, 'achievement.patentNo', s), ok ? [] : ['achievement.patentNo']]),
  ])

  it('uses the form’s labels in length messages, with the same numbers', () => {
    const labels = { title: '标题', description: '详细说明', 'contact.note': '备注' }
    expect(validateListingForm({ ...POST, title: 'ab', description: '短', contact: { ...POST.contact, note: n(41) } }, { labels })).toEqual({
      title: '标题须为 4–40 个字',
      description: '详细说明须为 10–2000 个字',
      'contact.note': '备注最多 40 个字',
    })
    expect(validateListingForm({ ...POST, contact: { ...POST.contact, phone: '1380000' } }, { labels })).toEqual({ 'contact.phone': '请填写正确的 11 位手机号' })
  })

  it('normalises patent numbers as the server stores them', () => {
    for (const [s, ok] of PATENTS) {
      const server = patentNo.safeParse(s)
      expect({ s, ok: server.success }).toEqual({ s, ok })
    }
  })
})

describe('validateResponse ≡ responseInput', () => {
  const base = { message: '我是县畜牧站的兽医', phone: '13900001111' }
  agree(responseInput, validateResponse, [
    ['a response', base, []],
    ['no phone: the profile’s is used', set(base, 'phone', undefined), []],
    ['an empty phone', { ...base, phone: '' }, ['phone']],
    ['no message at all', set(base, 'message', undefined), ['message']],
    ['a null message', { ...base, message: null }, ['message']],
    // An answer by voice: words optional.
    ['a voice note alone', { voiceId: 12 }, []],
    ['a voice note with an empty message', { message: '', voiceId: 12 }, []],
    ['a voice note with one character', { message: '好', voiceId: 12 }, []],
    ['a voice note with a message too long', { message: n(201), voiceId: 12 }, ['message']],
    ['a voice note and a null message', { message: null, voiceId: 12 }, ['message']],
    ['a voice id of 0', { message: '', voiceId: 0 }, ['voiceId', 'message']],
    ['no voice note', { message: '', voiceId: null }, ['message']],
    ...textCases(base, 'message', 2, 200),
    ...phoneCases(base, 'phone'),
  ])
})

describe('validateFeedback ≡ feedbackInput', () => {
  const base = { rating: 5, text: '问题解决了' }
  agree(feedbackInput, validateFeedback, [
    ['feedback', base, []],
    ['one star, no words', { rating: 1, text: '' }, []],
    ['no stars', { ...base, rating: 0 }, ['rating']],
    ['six stars', { ...base, rating: 6 }, ['rating']],
    ['half a star', { ...base, rating: 4.5 }, ['rating']],
    ['stars as text', { ...base, rating: '5' }, ['rating']],
    ['no text at all', set(base, 'text', undefined), ['text']],
    ...textCases(base, 'text', 0, 200),
  ])
})

describe('listingActions', () => {
  it.each([
    ['pending', false, { canEdit: true, canClose: true, canResolve: false }],
    ['published', false, { canEdit: true, canClose: true, canResolve: false }],
    ['published', true, { canEdit: true, canClose: true, canResolve: true }],
    ['rejected', true, { canEdit: true, canClose: true, canResolve: false }],
    ['closed', true, { canEdit: false, canClose: false, canResolve: false }],
    ['resolved', true, { canEdit: false, canClose: false, canResolve: false }],
  ] as const)('%s, accepted %s', (status, accepted, actions) => {
    expect(listingActions(status, accepted)).toEqual(actions)
  })

  it('covers every status', () => {
    for (const status of LISTING_STATUSES) expect(Object.keys(listingActions(status, true))).toHaveLength(3)
  })
})

// ---------------------------------------------------------------- users and review

describe('validateProfile ≡ profileUpdateBody', () => {
  const base = { nickname: '扎西', role: 'farmer', regionCode: '513328200' }
  agree(profileUpdateBody, validateProfile, [
    ['a profile', base, []],
    ['a nickname with a woman farmer emoji', { ...base, nickname: `扎西${FARMER}` }, []],
    ['nothing', {}, ['nickname', 'role', 'regionCode']],
    ['nulls', { nickname: null, role: null, regionCode: null }, ['nickname', 'role', 'regionCode']],
    ['an unknown role', { ...base, role: 'admin' }, ['role']],
    ['a nickname over two lines', { ...base, nickname: '扎西\n德勒' }, ['nickname']],
    ['a nickname with a tab', { ...base, nickname: '扎西\t德勒' }, ['nickname']],
    ['a township outside Sichuan', { ...base, regionCode: '110101001' }, ['regionCode']],
    ['a contact phone', { ...base, contactPhone: '13800001234' }, []],
    ['the contact phone removed', { ...base, contactPhone: null }, []],
    ['an empty contact phone', { ...base, contactPhone: '' }, ['contactPhone']],
    ...phoneCases(base, 'contactPhone'),
    ...textCases(base, 'nickname', 1, 20).map(([name, input]): Case => {
      // One line only: the line-break case is refused here.
      const server = Object.keys(serverFields(profileUpdateBody, input))
      return [name, input, server]
    }),
  ])

  it('says NICKNAME_INVALID for every nickname problem, which is also the app’s wording', () => {
    expect(validateProfile({ ...base, nickname: n(21) }, { labels: { nickname: '昵称' } })).toEqual({ nickname: '昵称须为 1–20 个字' })
    expect(validateProfile({ ...base, nickname: '扎西\n德勒' })).toEqual({ nickname: '昵称须为 1–20 个字' })
  })
})

describe('validateStudio ≡ studioUpdateBody', () => {
  const base = { intro: '从事牦牛养殖技术推广二十年。', photoId: 12, fields: ['breeding', 'veterinary'] }
  agree(studioUpdateBody, validateStudio, [
    ['a studio', base, []],
    ['no photo, no fields, no words', { intro: '', photoId: null, fields: [] }, []],
    ['nothing', {}, ['intro', 'photoId', 'fields']],
    ['a photo id of 0', { ...base, photoId: 0 }, ['photoId']],
    ['a photo id as text', { ...base, photoId: '12' }, ['photoId']],
    ['a field that is no category', { ...base, fields: ['breeding', 'cooking'] }, ['fields.1']],
    ['a field twice', { ...base, fields: ['breeding', 'breeding'] }, ['fields']],
    ['five fields', { ...base, fields: ['planting', 'breeding', 'veterinary', 'ecology', 'other'] }, []],
    ['six fields', { ...base, fields: ['planting', 'breeding', 'veterinary', 'ecology', 'other', 'it'] }, ['fields']],
    ['fields that are no list', { ...base, fields: 'breeding' }, ['fields']],
    ...textCases(base, 'intro', 0, 500),
  ])
})

describe('validateRejectReason ≡ rejectInput', () => {
  agree(rejectInput, validateRejectReason, [['a reason', { reason: '联系方式不完整' }, []], ['none', {}, ['reason']], ...textCases({ reason: '不完整' }, 'reason', 2, 200)])
})

describe('validateVerification ≡ verificationRequest', () => {
  const expert = { institution: '四川省农业科学院', title: '副研究员', proofId: 7 }
  const chair = { realName: '泽仁卓玛', post: '科协主席', proofId: 8 }
  agree(verificationRequest, validateVerification, [
    ['an expert’s request', expert, []],
    ['a chair’s request', chair, []],
    ['a chair’s note', { note: '甘孜县呷拉乡科协主席' }, []],
    ['nothing', {}, []],
    ['a proof id as text', { ...expert, proofId: '7' }, []],
    ['a proof id of 0', { ...expert, proofId: 0 }, ['proofId']],
    ['a proof id over 32 bits', { ...expert, proofId: 2147483648 }, ['proofId']],
    ['a proof id that is no number', { ...expert, proofId: 'seven' }, ['proofId']],
    ['an empty institution', { ...expert, institution: '' }, ['institution']],
    ['a real name over two lines', { ...chair, realName: '泽仁\n卓玛' }, ['realName']],
    ['a post with a tab', { ...chair, post: '科协\t主席' }, ['post']],
    ...textCases(expert, 'institution', 2, 50),
    ...textCases(expert, 'title', 2, 30),
    ...textCases(chair, 'realName', 2, 20).filter(([name]) => !name.endsWith('a line break inside')),
    ...textCases(chair, 'post', 2, 20).filter(([name]) => !name.endsWith('a line break inside')),
    ...textCases({ note: '主席' }, 'note', 0, 200),
  ])

  // What each role must send: the one rule (VERIFICATION_REQUIRED) the server answers
  // VERIFICATION_DETAILS_REQUIRED with (tests/server/verification-proofs.test.ts) and the form checks.
  it.each([
    ['expert', {}, ['institution', 'title', 'proofId']],
    ['expert', { institution: '农科院' }, ['title', 'proofId']],
    ['expert', { institution: '农科院', title: '研究员' }, ['proofId']],
    ['expert', expert, []],
    ['chair', {}, ['realName', 'post', 'proofId']],
    ['chair', { realName: '泽仁卓玛', post: '科协主席' }, ['proofId']],
    ['chair', { note: '甘孜县呷拉乡科协主席', institution: '呷拉乡', title: '主席' }, ['realName', 'post', 'proofId']],
    ['chair', chair, []],
    ['farmer', {}, []],
    [null, {}, []],
  ] as const)('a %s sending %j must still send %j', (role, input, paths) => {
    const required = role ? (VERIFICATION_REQUIRED as Record<string, Record<string, string>>)[role] ?? {} : {}
    const expected = Object.fromEntries(paths.map((p) => [p, required[p]]))
    expect(missingVerificationDetails(role, input)).toEqual(expected)
    expect(validateVerification(input, { role })).toEqual(expected)
    for (const message of Object.values(expected)) expect(message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('names a field’s own problem before what the role lacks, as the server does', () => {
    expect(validateVerification({ institution: '农' }, { role: 'expert' })).toEqual({ institution: '须为 2–50 个字' })
    expect(validateVerification({ realName: '王' }, { role: 'chair' })).toEqual({ realName: '须为 2–20 个字' })
  })
})

// ---------------------------------------------------------------- contests

const ENTRY = { title: '高原藏香猪散养', category: 'breeding', description: '在林下散养藏香猪，带动十二户', yearsExperience: 8, photoIds: [], regionCode: '513328200' }

describe('validateEntryForm ≡ entryInput', () => {
  agree(entryInput, validateEntryForm, [
    ['an entry', ENTRY, []],
    ['no photos', set(ENTRY, 'photoIds', undefined), []],
    ['what a blank form sends', { ...ENTRY, title: '', category: null, description: '', yearsExperience: NaN, regionCode: null }, ['title', 'category', 'description', 'yearsExperience', 'regionCode']],
    ['no category', set(ENTRY, 'category', undefined), ['category']],
    ['a post category', { ...ENTRY, category: 'veterinary' }, ['category']],
    ['0 years', { ...ENTRY, yearsExperience: 0 }, []],
    ['80 years', { ...ENTRY, yearsExperience: 80 }, []],
    ['81 years', { ...ENTRY, yearsExperience: 81 }, ['yearsExperience']],
    ['-1 years', { ...ENTRY, yearsExperience: -1 }, ['yearsExperience']],
    ['1.5 years', { ...ENTRY, yearsExperience: 1.5 }, ['yearsExperience']],
    ['years as text', { ...ENTRY, yearsExperience: '8' }, ['yearsExperience']],
    ['ten photos', { ...ENTRY, photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, ['photoIds']],
    ['a photo id over 32 bits', { ...ENTRY, photoIds: [2147483648] }, ['photoIds.0']],
    ['a county', { ...ENTRY, regionCode: '513328' }, ['regionCode']],
    ...textCases(ENTRY, 'title', 4, 40),
    ...textCases(ENTRY, 'description', 10, 2000),
  ])
})

describe('validateEntryForm (confirming a nomination) ≡ confirmNominationInput', () => {
  const { regionCode: _township, ...confirm } = ENTRY
  agree(confirmNominationInput, (input) => validateEntryForm(input, { confirming: true }), [
    ['a confirmation', confirm, []],
    ['with a township, which is the nomination’s anyway', ENTRY, []],
    ['81 years and a short title', { ...confirm, yearsExperience: 81, title: '藏猪' }, ['yearsExperience', 'title']],
  ])
})

describe('validateNomination ≡ nominationInput', () => {
  const byPhone = { nominee: { name: '卓玛', phone: '13800005678', regionCode: '513328200' }, reason: '自学兽医技术，常年义务防疫' }
  const byAccount = { nominee: { userId: 12 }, reason: byPhone.reason }
  agree(nominationInput, validateNomination, [
    ['by phone', byPhone, []],
    ['by account', byAccount, []],
    ['no nominee', { reason: byPhone.reason }, ['nominee']],
    ['an empty nominee', { ...byPhone, nominee: {} }, ['nominee']],
    ['both an account and a phone', { ...byPhone, nominee: { userId: 12, ...byPhone.nominee } }, ['nominee']],
    ['an account id of 0', { ...byAccount, nominee: { userId: 0 } }, ['nominee.userId']],
    ['an account id as text', { ...byAccount, nominee: { userId: '12' } }, ['nominee']],
    ['a phone, a name too long and a county', set(set(set(byPhone, 'nominee.phone', '1380000567'), 'nominee.name', n(21)), 'nominee.regionCode', '513328'), ['nominee.phone', 'nominee.name', 'nominee.regionCode']],
    // No township chosen yet: the nominee fits neither shape, so the server names it whole.
    ['no township', set(byPhone, 'nominee.regionCode', null), ['nominee']],
    ['no phone', set(byPhone, 'nominee.phone', undefined), ['nominee']],
    ...textCases(byPhone, 'nominee.name', 1, 20),
    ...phoneCases(byPhone, 'nominee.phone'),
    ...textCases(byPhone, 'reason', 10, 500),
    ...textCases(byAccount, 'reason', 10, 500),
  ])
})

const CONTEST = {
  kind: 'contest',
  name: '甘孜州乡土人才大赛',
  organiser: '甘孜州科协',
  level: 'prefecture',
  regionCode: '5133',
  categories: ['planting', 'breeding'],
  description: '面向全州农牧民和乡土人才',
  rules: '报名后提交项目介绍和照片',
  signupEndsAt: '2027-05-31T23:59:59+08:00',
  preliminaryEndsAt: '2027-06-30T23:59:59+08:00',
  semifinalEndsAt: '2027-07-31T23:59:59+08:00',
  finalEndsAt: '2027-08-31T23:59:59+08:00',
  articleIds: [],
}

/** A sign-up deadline as typed, and what is named (the others fall in the last seconds of 2100). */
const DATES: Array<[string, string, boolean]> = [
  ['with Z', '2027-05-31T15:59:59Z', true],
  ['with milliseconds', '2027-05-31T15:59:59.123Z', true],
  ['without seconds', '2027-05-31T15:59Z', false],
  ['without an offset', '2027-05-31T23:59:59', false],
  ['a date only', '2027-05-31', false],
  ['29 February in a leap year', '2028-02-29T00:00:00+08:00', true],
  ['29 February in another year', '2027-02-29T00:00:00+08:00', false],
  ['31 April', '2027-04-31T00:00:00+08:00', false],
  ['hour 24', '2027-05-31T24:00:00+08:00', false],
  ['an offset of +24:00', '2027-05-31T00:00:00+24:00', false],
  ['the last second of 2014 in China', '2014-12-31T15:59:59Z', false],
  ['the first second of 2015 in China', '2014-12-31T16:00:00Z', true],
  ['late in 2100', '2100-12-31T15:59:55Z', true],
  ['the first second of 2101 in China', '2100-12-31T16:00:00Z', false],
  ['a date only, in 1999', '1999-01-01', false],
  ['words', '下个月', false],
  ['empty', '', false],
]

const LATE = { preliminaryEndsAt: '2100-12-31T15:59:57Z', semifinalEndsAt: '2100-12-31T15:59:58Z', finalEndsAt: '2100-12-31T15:59:59Z' }

describe('validateContestForm ≡ contestInput', () => {
  agree(contestInput, validateContestForm, [
    ['a contest', CONTEST, []],
    ['a province-level fair', { ...CONTEST, kind: 'fair', level: 'province', regionCode: '51' }, []],
    ['a county contest', { ...CONTEST, level: 'county', regionCode: '513328' }, []],
    ['nothing', {}, ['kind', 'name', 'organiser', 'level', 'regionCode', 'categories', 'description', 'rules', 'signupEndsAt', 'preliminaryEndsAt', 'semifinalEndsAt', 'finalEndsAt']],
    ['a county code on a prefecture contest', { ...CONTEST, regionCode: '513328' }, ['regionCode']],
    ['a township code', { ...CONTEST, regionCode: '513328200' }, ['regionCode']],
    ['a code outside Sichuan', { ...CONTEST, regionCode: '1101' }, ['regionCode']],
    ['a wrong region and a short name', { ...CONTEST, regionCode: '513328', name: '大赛' }, ['regionCode', 'name']],
    // A field of the wrong kind stops the rules across fields, as zod's superRefine stops.
    ['a wrong region and no organiser', set({ ...CONTEST, regionCode: '513328' }, 'organiser', undefined), ['organiser']],
    ['a wrong region and an unknown level', { ...CONTEST, regionCode: '513328', level: 'township' }, ['level']],
    ['no category', { ...CONTEST, categories: [] }, ['categories']],
    ['a category twice', { ...CONTEST, categories: ['planting', 'planting'] }, ['categories']],
    ['a post category', { ...CONTEST, categories: ['planting', 'veterinary'] }, ['categories.1']],
    ['a post category twice and a wrong region', { ...CONTEST, categories: ['veterinary', 'veterinary'], regionCode: '513328' }, ['categories.0', 'categories.1']],
    ['twenty articles', { ...CONTEST, articleIds: Array.from({ length: 20 }, (_, i) => i + 1) }, []],
    ['twenty-one articles', { ...CONTEST, articleIds: Array.from({ length: 21 }, (_, i) => i + 1) }, ['articleIds']],
    ['an article id of 0', { ...CONTEST, articleIds: [0] }, ['articleIds.0']],
    ...textCases(CONTEST, 'name', 4, 60),
    ...textCases(CONTEST, 'organiser', 2, 60),
    ...textCases(CONTEST, 'description', 10, 5000),
    ...textCases(CONTEST, 'rules', 10, 5000),
    ...DATES.map(([name, date, ok]): Case => [`sign-up deadline ${name}`, { ...CONTEST, signupEndsAt: date, ...LATE }, ok ? [] : ['signupEndsAt']]),
    ['a sign-up deadline in the last second of 2100, with nothing left after it', { ...CONTEST, signupEndsAt: '2100-12-31T15:59:59Z', ...LATE }, ['preliminaryEndsAt']],
    ['deadlines out of order', { ...CONTEST, semifinalEndsAt: CONTEST.preliminaryEndsAt }, ['preliminaryEndsAt']],
    ['the final before the sign-up', { ...CONTEST, finalEndsAt: '2027-01-01T00:00:00Z' }, ['preliminaryEndsAt']],
    ['ordered as instants, not as text', { ...CONTEST, signupEndsAt: '2027-06-01T07:00:00+08:00', preliminaryEndsAt: '2027-05-31T23:30:00Z' }, []],
    ['the same instant twice', { ...CONTEST, signupEndsAt: '2027-06-30T15:59:59Z' }, ['preliminaryEndsAt']],
    ['out of order and out of the years', { ...CONTEST, signupEndsAt: '2101-06-01T00:00:00Z' }, ['signupEndsAt']],
    // A date without a time is refused, but its order is still judged (Date.parse reads it).
    ['a date only, after the final', { ...CONTEST, signupEndsAt: '2028-01-01' }, ['signupEndsAt', 'preliminaryEndsAt']],
    ['out of order and a wrong region', { ...CONTEST, finalEndsAt: '2027-01-01T00:00:00Z', regionCode: '513328' }, ['preliminaryEndsAt', 'regionCode']],
  ])

  it('judges the region and the order by the rules the schema calls', () => {
    expect(contestCrossFieldProblems({ ...CONTEST, level: 'county' } as never)).toEqual([{ path: 'regionCode', code: 'REGION_INVALID' }])
    expect(contestCrossFieldProblems({ ...CONTEST, finalEndsAt: CONTEST.signupEndsAt } as never)).toEqual([{ path: 'preliminaryEndsAt', code: 'CONTEST_DATES_ORDER' }])
  })
})

describe('contest stages and awards', () => {
  const contest = { stage: 'signup', signupEndsAt: '2026-11-30T16:00:00Z' }

  it('sign-up is open at 报名 until its deadline, whatever form "now" takes', () => {
    expect(isSignupOpen(contest, '2026-11-30T15:59:59Z')).toBe(true)
    expect(isSignupOpen(contest, new Date('2026-11-30T15:59:59.999Z'))).toBe(true)
    expect(isSignupOpen(contest, Date.parse('2026-11-30T16:00:00Z'))).toBe(false)
    expect(isSignupOpen({ ...contest, stage: 'preliminary' }, '2026-01-01T00:00:00Z')).toBe(false)
  })

  it('moves one stage at a time and stops after 已结束', () => {
    expect(nextStage('signup')).toBe('preliminary')
    expect(nextStage('final')).toBe('finished')
    expect(nextStage('finished')).toBeNull()
    expect(nextStage('bogus')).toBeNull()
  })

  it('names awards the same for the app and a notification, joined each its own way', () => {
    expect(awardLabel('gold', null)).toBe('金奖')
    expect(awardLabel('gold', '最佳创意奖')).toBe('金奖')
    expect(awardLabel('other', '最佳创意奖')).toBe('最佳创意奖')
    expect(awardLabel('other', null)).toBe('其他奖项')
    expect(awardLabel(null, null)).toBeNull()
    expect(awardText('silver', null, true)).toBe('银奖 · 最受欢迎奖')
    expect(awardText('silver', null, true, '、')).toBe('银奖、最受欢迎奖')
    expect(awardText(null, null, true)).toBe('最受欢迎奖')
    expect(awardText(null, null, false)).toBe('')
  })
})

// ---------------------------------------------------------------- news

describe('validateArticle ≡ articleInput', () => {
  const base = {
    kind: 'article',
    title: '甘孜县举办牦牛养殖技术培训',
    subtitle: null,
    byline: null,
    paragraphs: ['本报讯 近日，甘孜县科协在呷拉乡举办培训。'],
    photos: [],
    publishedOn: '2027-03-12',
    issueNo: 1234,
    pageNo: 2,
    pageName: '科技',
    originalUrl: null,
  }
  agree(articleInput, validateArticle, [
    ['an article', base, []],
    ['a photo article with a link and a key', { ...base, kind: 'photo', photos: [{ url: 'https://www.sckjb.cn/a.jpg', caption: '培训现场' }, { url: null, caption: '' }], originalUrl: ' https://www.sckjb.cn/1.html ', sourceKey: 'a'.repeat(64) }, []],
    ['nothing', {}, ['kind', 'title', 'subtitle', 'byline', 'paragraphs', 'photos', 'publishedOn', 'issueNo', 'pageNo', 'pageName', 'originalUrl']],
    ['an empty title', { ...base, title: '' }, ['title']],
    ['a title of one space (not trimmed)', { ...base, title: ' ' }, []],
    ['a title of 120', { ...base, title: n(120) }, []],
    ['a title of 121', { ...base, title: n(121) }, ['title']],
    // Code points, as zod 4 counts a string's length: 120 emoji (240 UTF-16 units) fit.
    ['a title of 120 emoji', { ...base, title: n(120, EMOJI) }, []],
    ['a title of 121 emoji', { ...base, title: n(121, EMOJI) }, ['title']],
    // Not cleaned or trimmed first, unlike text people write.
    ['a title of 119 and two zero-width spaces', { ...base, title: n(119) + ZW + ZW }, ['title']],
    ['a subtitle of 121', { ...base, subtitle: n(121) }, ['subtitle']],
    ['a byline of 80', { ...base, byline: n(80) }, []],
    ['a byline of 81', { ...base, byline: n(81) }, ['byline']],
    ['a page name of 21', { ...base, pageName: n(21) }, ['pageName']],
    ['no paragraphs', { ...base, paragraphs: [] }, ['paragraphs']],
    ['an empty paragraph', { ...base, paragraphs: ['正文', ''] }, ['paragraphs.1']],
    ['a photo without a caption', { ...base, photos: [{ url: null }] }, ['photos.0.caption']],
    ['a photo link to a script', { ...base, photos: [{ url: 'javascript:alert(1)', caption: '' }] }, ['photos.0.url']],
    ['an original link of 2001 characters', { ...base, originalUrl: `https://a.cn/${n(1988, 'a')}` }, ['originalUrl']],
    ['an original link that is no link, over 2000', { ...base, originalUrl: n(2001, 'a') }, ['originalUrl']],
    ['a month as the date', { ...base, publishedOn: '2027-03' }, []],
    ['a date with slashes', { ...base, publishedOn: '2027/03/12' }, ['publishedOn']],
    ['issue 0 and page 1.5', { ...base, issueNo: 0, pageNo: 1.5 }, ['issueNo', 'pageNo']],
    ['a key in upper case', { ...base, sourceKey: 'A'.repeat(64) }, ['sourceKey']],
  ])

  it('labels its lengths for the import page, with the server’s numbers', () => {
    expect(validateArticle({ ...base, title: n(121), subtitle: n(121) }, { labels: { title: '标题', subtitle: '副标题' } })).toEqual({
      title: '标题须为 1–120 个字',
      subtitle: '副标题最多 120 个字',
    })
  })
})

// ---------------------------------------------------------------- the pieces

describe('the pieces the validators are built from', () => {
  it('counts text after removing invisible characters, and names a control character first', () => {
    expect(textProblem(` ${ZW}牦牛${ZW} `, [2, 4])).toBeNull()
    expect(textProblem(`牦${ZW}`, [2, 4])).toBe('short')
    expect(textProblem(n(5, EMOJI), [2, 4])).toBe('long')
    expect(textProblem(`${n(5)}\u0000`, [2, 4])).toBe('control')
    expect(textProblem('牦\n牛', [2, 4])).toBeNull()
    expect(textProblem('牦\n牛', [2, 4], true)).toBe('control')
  })

  it('words lengths the server’s way or the form’s', () => {
    expect(lengthMessage([4, 40])).toBe('须为 4–40 个字')
    expect(lengthMessage([4, 40], '标题')).toBe('标题须为 4–40 个字')
    expect(lengthMessage([0, 40], '备注')).toBe('备注最多 40 个字')
  })

  it('maps an issue’s message as the server’s error handler does', () => {
    expect(fieldMessage('PHONE_INVALID')).toBe('请填写正确的 11 位手机号')
    expect(fieldMessage('须为 4–40 个字')).toBe('须为 4–40 个字')
    expect(fieldMessage('Invalid input: expected string, received undefined')).toBe('格式不正确')
    expect(fieldMessage(undefined)).toBe('格式不正确')
  })

  it('takes a phone only as 11 digits', () => {
    for (const [phone, ok] of PHONES) expect({ phone, ok: isMobilePhone(phone) }).toEqual({ phone, ok })
    expect(isMobilePhone(13800001234)).toBe(false)
  })
})
