export default definePageConfig({
  navigationBarTitleText: '科技成果',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
})
