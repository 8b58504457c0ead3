import { Button, Input, View } from '@tarojs/components'
import { ROLE_LABELS } from '../../../../common/enums'
import { formatChina } from '../../../../common/china-time'
import { CONTEST_LIMITS } from '../../../../common/rules'
import type { NomineeCandidate } from '../../../../common/schemas/contests'
import { FieldError } from '../../../components/field'
import { Tappable } from '../../../components/tappable'
import type { NominationForm } from './nomination-form'

// Who is put forward: a registered person of the township found by name, or someone without an
// account by name and phone (in the chair's own township, shown, not chosen).

export function RegisteredPicker({
  form,
  update,
  q,
  onQ,
  search,
  people,
  peopleError,
  error,
}: {
  form: NominationForm
  update: (patch: Partial<NominationForm>) => void
  q: string
  onQ: (q: string) => void
  search: (words?: string) => void
  people: NomineeCandidate[] | null
  peopleError: string | null
  error?: string
}) {
  return (
    <View className='card nominate__registered'>
      <View className='nominate__search'>
        <Input
          className='form-input nominate__q'
          placeholder='输入姓名查找'
          maxlength={CONTEST_LIMITS.nomineeName[1]}
          value={q}
          confirmType='search'
          onInput={(e) => onQ(e.detail.value)}
          onConfirm={(e) => search(e.detail.value)}
        />
        <Button className='btn btn--primary nominate__find' onClick={() => search()}>
          查找
        </Button>
      </View>
      {peopleError && <View className='error-text'>{peopleError}</View>}
      {people === null && !peopleError && <View className='muted'>正在加载…</View>}
      {people && people.length === 0 && <View className='muted nominate__none'>没有找到。还没注册的人，请点上面的“还没注册的群众”。</View>}
      <View className='nominate__people'>
        {people?.map((p) => (
          <PersonRow key={p.userId} person={p} chosen={form.userId === p.userId} onPick={() => update({ userId: p.userId, userName: p.name })} />
        ))}
      </View>
      {form.userId && <View className='nominate__chosen'>已选择：{form.userName}</View>}
      <FieldError message={error} />
    </View>
  )
}

/**
 * One registered person, with what tells two 扎西 apart: role, place, the phone as the server
 * masked it (138****5678) and when they joined.
 */
function PersonRow({ person, chosen, onPick }: { person: NomineeCandidate; chosen: boolean; onPick: () => void }) {
  return (
    <Tappable className={`nominate__person${chosen ? ' nominate__person--on' : ''}`} data-user={person.userId} pressed={chosen} onClick={onPick}>
      <View className='nominate__person-head'>
        <View className='nominate__person-name'>{person.name}</View>
        {person.role && <View className='nominate__person-role'>{ROLE_LABELS[person.role]}</View>}
        {chosen && <View className='nominate__person-mark'>已选</View>}
      </View>
      <View className='muted nominate__person-facts'>
        <View className='nominate__person-place'>{person.place}</View>
        <View className='nominate__person-phone'>{person.phoneMasked ? `手机 ${person.phoneMasked}` : '未绑定手机号'}</View>
        <View className='nominate__person-since'>{`${formatChina(person.registeredAt, 'YYYY年M月')}注册`}</View>
      </View>
    </Tappable>
  )
}

export function NewPersonFields({
  form,
  update,
  errors,
  township,
}: {
  form: NominationForm
  update: (patch: Partial<NominationForm>) => void
  errors: Record<string, string>
  /** The chair's township, as shown ("甘孜藏族自治州 甘孜县 呷拉乡"). */
  township: string
}) {
  return (
    <View className='card nominate__new'>
      <View className='form-label'>姓名</View>
      <Input
        className='form-input nominate__name'
        placeholder='被举荐人的真实姓名'
        maxlength={CONTEST_LIMITS.nomineeName[1]}
        value={form.name}
        onInput={(e) => update({ name: e.detail.value })}
        onBlur={(e) => update({ name: e.detail.value })}
      />
      <FieldError message={errors['nominee.name']} />
      <View className='form-label form-label--gap'>手机号</View>
      <Input
        className='form-input nominate__phone'
        type='number'
        placeholder='11 位手机号，本人注册时绑定它'
        maxlength={11}
        value={form.phone}
        onInput={(e) => update({ phone: e.detail.value })}
        onBlur={(e) => update({ phone: e.detail.value })}
      />
      <FieldError message={errors['nominee.phone']} />
      <View className='form-label form-label--gap'>所在乡镇</View>
      <View className='nominate__fixed-region'>{township}</View>
      <View className='muted'>只能举荐本乡镇的人才</View>
    </View>
  )
}
