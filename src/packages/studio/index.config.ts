export default definePageConfig({
  navigationBarTitleText: '科创工作室',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
