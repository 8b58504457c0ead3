export default definePageConfig({ navigationBarTitleText: '登录天府科技云' })
