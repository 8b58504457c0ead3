export default definePageConfig({
  navigationBarTitleText: '科技所能所需',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
})
