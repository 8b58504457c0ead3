export default definePageConfig({ navigationBarTitleText: '任命科服保姆', enablePullDownRefresh: true })
