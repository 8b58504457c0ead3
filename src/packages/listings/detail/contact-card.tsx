import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Contact } from '../../../../common/schemas/listings'
import { Tappable } from '../../../components/tappable'
import { Ugc } from '../../../components/ugc'
import { useT } from '../../../i18n'

const call = (phone: string) => Taro.makePhoneCall({ phoneNumber: phone })
const copy = (phone: string) => Taro.setClipboardData({ data: phone }).catch(() => undefined)

/** A post's contact, once the viewer may see it: the owner (`mine`, no call button) or an accepted responder. */
export function ContactCard({ title, contact, mine = false }: { title: string; contact: Contact; mine?: boolean }) {
  const { t } = useT()
  return (
    <View className='card detail__contact'>
      <View className='detail__label'>{title}</View>
      <View className='detail__contact-row'>
        <View className='muted'>{t('listing.contact_name')}</View>
        <View>
          <Ugc>{contact.name}</Ugc>
        </View>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>{t('listing.phone')}</View>
        <Tappable role='link' className='detail__phone' label={t('listing.call_label', { phone: contact.phone })} onClick={() => call(contact.phone)}>
          {contact.phone}
        </Tappable>
        <Button className='btn btn--plain detail__small-btn' onClick={() => copy(contact.phone)}>
          {t('listing.copy')}
        </Button>
      </View>
      {contact.note && (
        <View className='detail__contact-row'>
          <View className='muted'>{t('listing.note')}</View>
          <View>
            <Ugc>{contact.note}</Ugc>
          </View>
        </View>
      )}
      {!mine && (
        <Button className='btn btn--primary detail__call' onClick={() => call(contact.phone)}>
          {t('listing.call')}
        </Button>
      )}
    </View>
  )
}

/** A responder's contact in the owner's list, once the owner accepted them. */
export function ResponderContact({ contact }: { contact: Contact }) {
  const { t } = useT()
  return (
    <View className='detail__response-contact'>
      <View>
        <Ugc>{contact.name}</Ugc>：
        <Tappable role='link' className='detail__phone detail__phone--inline' label={t('listing.call_label', { phone: contact.phone })} onClick={() => call(contact.phone)}>
          {contact.phone}
        </Tappable>
      </View>
      <Button className='btn btn--plain detail__small-btn' onClick={() => copy(contact.phone)}>
        {t('listing.copy')}
      </Button>
    </View>
  )
}
