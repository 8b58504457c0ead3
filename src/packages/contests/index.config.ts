export default definePageConfig({
  navigationBarTitleText: '乡土人才大赛',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
})
