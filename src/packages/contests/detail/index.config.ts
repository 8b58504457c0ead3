export default definePageConfig({
  navigationBarTitleText: '乡土人才大赛',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
