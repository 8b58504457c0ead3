export default definePageConfig({
  navigationBarTitleText: '乡土人才库',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
