import { View } from '@tarojs/components'
import { PRIVACY_VERSION } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'

// The same text is declared in the mini program admin console (用户隐私保护指引); keep them in step
// and bump PRIVACY_VERSION when it changes, so everyone agrees to the new text.
const SECTIONS: Array<[string, string]> = [
  ['我们收集什么', '微信身份标识（用于登录）、您选择的头像和昵称、身份（如农牧民、乡镇科协主席）、所在乡镇，以及您主动授权的手机号。'],
  ['为什么收集', '为您提供科技所能所需对接、乡土人才大赛报名与举荐、科技资讯等服务，并统计各乡镇的注册和服务情况。'],
  ['谁能看到', '昵称、头像、身份和所在乡镇会显示在您发布的内容旁。手机号只在您同意对接后才向对接方显示，其他情况下都隐藏中间四位。'],
  ['如何保护', '手机号加密存储；登录凭证只保存在您的手机上，服务器只保存其摘要。'],
  ['您的权利', '您可以随时在「我的 › 编辑资料」修改信息，或在「我的 › 注销账号」删除账号，注销后我们删除您的个人信息。'],
  ['联系我们', '四川省科学技术协会 天府科技云运营团队。'],
]

export default function PrivacyPage() {
  return (
    <PageShell>
      <View className='card'>
        <View className='section-title' style={{ margin: 0 }}>
          天府科技云隐私保护指引
        </View>
        <View className='muted'>版本 {PRIVACY_VERSION}</View>
        {SECTIONS.map(([title, text]) => (
          <View key={title} style={{ marginTop: '16px' }}>
            <View style={{ fontWeight: 600 }}>{title}</View>
            <View>{text}</View>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
