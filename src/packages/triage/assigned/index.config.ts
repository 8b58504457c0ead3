export default definePageConfig({
  navigationBarTitleText: '待我解答',
  enablePullDownRefresh: true,
})
