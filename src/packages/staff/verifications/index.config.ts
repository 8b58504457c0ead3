export default definePageConfig({ navigationBarTitleText: '身份认证审核', enablePullDownRefresh: true })
