export default definePageConfig({
  navigationBarTitleText: '问题解决了吗',
})
