export default definePageConfig({
  navigationBarTitleText: '科技资讯',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
})
