export default definePageConfig({
  navigationBarTitleText: '举荐邀请',
  enablePullDownRefresh: true,
})
