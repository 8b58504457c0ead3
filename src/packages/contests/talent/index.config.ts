export default definePageConfig({
  navigationBarTitleText: '乡土人才',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
