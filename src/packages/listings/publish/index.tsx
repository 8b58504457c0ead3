import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { MAX_LISTING_PHOTOS } from '../../../../common/enums'
import { errorMessage } from '../../../../common/errors'
import { formatRegionPath } from '../../../../common/format'
import { LISTING_LIMITS } from '../../../../common/rules'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { CategoryChips } from '../../../components/category-chips'
import { RegionPicker } from '../../../components/region-picker'
import { PhotoPicker } from '../../../components/photo-picker'
import { SignInGate } from '../../../components/sign-in-gate'
import { Field } from '../../../components/field'
import { DoneCard } from '../../../components/done-card'
import { AchievementFields, bind, ContactFields, ProxyFields, SideCard } from './fields'
import { usePublishForm } from './use-publish-form'
import { AskedExpert } from './asked-expert'
import { useT } from '../../../i18n'
import { useOnline } from '../../../hooks/useOnline'
import './index.scss'

const TITLE_MAX = LISTING_LIMITS.title[1]
const DESCRIPTION_MAX = LISTING_LIMITS.description[1]

// 发布 / 修改 a post (科技所能所需) or a 科技成果: who may, the form, and what happens once sent.
// The state and the submit live in use-publish-form.ts, the optional groups in fields.tsx.
export default function Publish() {
  const { editId, expertId, user, form, update, latest, achievement, canProxy, proxy, errors, notice, saving, setUploading, done, queued, loadError, loadForEdit, submit, again } =
    usePublishForm()
  const { t } = useT()
  const online = useOnline()

  if (!user || !user.registered) {
    return (
      <PageShell className='publish'>
        <SignInGate
          user={user}
          login={achievement ? '登录后才能发布科技成果' : '登录后才能发布需求或服务'}
          profile='请先完善资料（昵称和所在乡镇），再来发布'
          className='publish__gate'
          textClassName='publish__gate-text'
        />
      </PageShell>
    )
  }

  // Only 科技工作者 publish 科技成果 (the server refuses everyone else with ACHIEVEMENT_NOT_EXPERT).
  if (achievement && user.role !== 'expert') {
    return (
      <PageShell className='publish'>
        <View className='card publish__gate publish__not-expert'>
          <View className='publish__gate-text'>{errorMessage('ACHIEVEMENT_NOT_EXPERT')}。</View>
          <View className='muted publish__gate-text'>您有技术或服务，可以发布“科技所能”，同样能与需要的人对接。</View>
          <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: '/packages/listings/publish/index?side=offer' })}>
            发布科技所能
          </Button>
        </View>
      </PageShell>
    )
  }

  if (queued) {
    return (
      <PageShell className='publish'>
        <DoneCard className='publish__done publish__queued' titleClassName='publish__done-title' textClassName='publish__done-text' title={t('outbox.queued_title')} text={t('outbox.queued_text')}>
          <View className='tag publish__queued-tag'>{t('outbox.pending_tag')}</View>
          <View className='publish__queued-label'>{queued.label}</View>
          <Button className='btn btn--primary publish__again' onClick={again}>
            再发一条
          </Button>
        </DoneCard>
      </PageShell>
    )
  }

  if (done) {
    return (
      <PageShell className='publish'>
        <DoneCard
          className='publish__done'
          titleClassName='publish__done-title'
          textClassName='publish__done-text'
          title={editId ? '已修改，审核通过后公开' : '已提交，审核通过后公开'}
          text={`科协工作人员审核后，所有人都能看到这条信息；审核结果和新的对接申请会显示在“我的消息”里${process.env.TARO_ENV === 'weapp' ? '，也会通过微信通知您' : ''}。`}
        >
          <Button className='btn btn--primary publish__view' onClick={() => Taro.redirectTo({ url: `/packages/listings/detail/index?id=${done.id}` })}>
            查看
          </Button>
          {editId ? (
            <Button className='btn btn--plain publish__again' onClick={() => Taro.navigateBack()}>
              返回
            </Button>
          ) : (
            <Button className='btn btn--plain publish__again' onClick={again}>
              再发一条
            </Button>
          )}
        </DoneCard>
      </PageShell>
    )
  }

  if (editId && form.loadedFrom !== editId) {
    return (
      <PageShell className='publish'>
        <StateView state={loadError ? 'error' : 'loading'} message={loadError ?? undefined} onRetry={loadForEdit} rows={3} />
      </PageShell>
    )
  }

  // Short enough to show whole in 长辈模式 (a placeholder cannot wrap).
  const titlePlaceholder = achievement ? '例如：牦牛冬季补饲技术' : form.side === 'need' ? '例如：牦牛掉膘求补饲技术' : '例如：牦牛补饲技术指导'
  const descriptionPlaceholder = achievement
    ? '成果解决什么问题？效果如何？在哪里示范应用过？需要什么条件？'
    : form.side === 'need'
      ? '遇到了什么问题？多少户、多大规模？想要怎样的帮助？'
      : '能提供什么技术或服务？在哪些地方？怎么收费？'

  return (
    <PageShell className='publish'>
      {editId && <View className='card publish__edit-note'>修改后需要重新审核，审核通过前别人看不到这条信息。</View>}

      {expertId ? <AskedExpert expertId={expertId} /> : <SideCard form={form} update={update} />}

      <View className='card'>
        <Field block='publish' label={achievement ? '成果名称' : '标题'} counter={{ value: form.title, max: TITLE_MAX }} error={errors.title}>
          <Input className='form-input publish__input publish__title' placeholder={titlePlaceholder} maxlength={TITLE_MAX} {...bind(form, update, 'title')} />
        </Field>
      </View>

      <View className='card'>
        <Field block='publish' label={achievement ? '所属领域' : '分类'} error={errors.category}>
          <CategoryChips value={form.category} onChange={(category) => update({ category })} wrap />
        </Field>
      </View>

      {achievement && <AchievementFields form={form} update={update} errors={errors} />}

      {canProxy && <ProxyFields form={form} update={update} errors={errors} township={user.region!.township.name} />}

      <View className='card'>
        <Field block='publish' label='所在地区' error={errors.regionCode ?? errors['proxy.regionCode']}>
          {proxy ? (
            <View className='publish__fixed-region'>{formatRegionPath(user.region)}</View>
          ) : (
            <RegionPicker value={form.region} onChange={(region) => update({ region })} />
          )}
        </Field>
      </View>

      <View className='card'>
        <Field block='publish' label={achievement ? '成果简介' : '详细说明'} counter={{ value: form.description, max: DESCRIPTION_MAX }} error={errors.description}>
          <Textarea
            className='form-textarea publish__textarea publish__description'
            placeholder={descriptionPlaceholder}
            maxlength={DESCRIPTION_MAX}
            {...bind(form, update, 'description')}
          />
        </Field>
      </View>

      <View className='card'>
        <Field block='publish' label={`照片（可不传，最多 ${MAX_LISTING_PHOTOS} 张）`} error={errors.photoIds}>
          <PhotoPicker
            value={form.photos}
            max={MAX_LISTING_PHOTOS}
            onUploaded={(photo) => update({ photos: [...latest.current.photos, photo] })}
            onRemove={(id) => update({ photos: latest.current.photos.filter((p) => p.id !== id) })}
            onBusyChange={setUploading}
          />
          {!online && <View className='muted publish__photos-offline'>{t('outbox.photos_wait')}</View>}
        </Field>
      </View>

      <ContactFields form={form} update={update} errors={errors} />

      {notice && <View className='error-text publish__notice' role='alert'>{notice}</View>}
      <View className='publish__submit-wrap'>
        <Button className='btn btn--primary publish__submit' loading={saving || undefined} disabled={saving || undefined} onClick={submit}>
          {editId ? '提交修改' : '提交审核'}
        </Button>
        <View className='muted publish__submit-hint'>提交后由科协工作人员审核，通过后公开。</View>
      </View>
    </PageShell>
  )
}
