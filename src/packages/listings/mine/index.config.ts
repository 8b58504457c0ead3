export default definePageConfig({
  navigationBarTitleText: '我的发布与对接',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
})
