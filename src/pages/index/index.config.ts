export default definePageConfig({
  navigationBarTitleText: '天府科技云',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
