export default definePageConfig({ navigationBarTitleText: '导入科技报' })
