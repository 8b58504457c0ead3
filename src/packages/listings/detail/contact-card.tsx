import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Contact } from '../../../../common/schemas/listings'
import { Tappable } from '../../../components/tappable'

const call = (phone: string) => Taro.makePhoneCall({ phoneNumber: phone })
const copy = (phone: string) => Taro.setClipboardData({ data: phone }).catch(() => undefined)

/** A post's contact, once the viewer may see it: the owner (`mine`, no call button) or an accepted responder. */
export function ContactCard({ title, contact, mine = false }: { title: string; contact: Contact; mine?: boolean }) {
  return (
    <View className='card detail__contact'>
      <View className='detail__label'>{title}</View>
      <View className='detail__contact-row'>
        <View className='muted'>联系人</View>
        <View>{contact.name}</View>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>电话</View>
        <Tappable role='link' className='detail__phone' label={`拨打 ${contact.phone}`} onClick={() => call(contact.phone)}>
          {contact.phone}
        </Tappable>
        <Button className='btn btn--plain detail__small-btn' onClick={() => copy(contact.phone)}>
          复制
        </Button>
      </View>
      {contact.note && (
        <View className='detail__contact-row'>
          <View className='muted'>备注</View>
          <View>{contact.note}</View>
        </View>
      )}
      {!mine && (
        <Button className='btn btn--primary detail__call' onClick={() => call(contact.phone)}>
          拨打电话
        </Button>
      )}
    </View>
  )
}

/** A responder's contact in the owner's list, once the owner accepted them. */
export function ResponderContact({ contact }: { contact: Contact }) {
  return (
    <View className='detail__response-contact'>
      <View>
        {contact.name}：
        <Tappable role='link' className='detail__phone detail__phone--inline' label={`拨打 ${contact.phone}`} onClick={() => call(contact.phone)}>
          {contact.phone}
        </Tappable>
      </View>
      <Button className='btn btn--plain detail__small-btn' onClick={() => copy(contact.phone)}>
        复制
      </Button>
    </View>
  )
}
