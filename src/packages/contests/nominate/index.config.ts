export default definePageConfig({
  navigationBarTitleText: '举荐人才',
})
