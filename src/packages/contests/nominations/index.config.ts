export default definePageConfig({
  navigationBarTitleText: '我的举荐',
  enablePullDownRefresh: true,
})
