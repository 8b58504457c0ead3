// Taro's mini program <view> and <switch> templates pass on only the attributes they list, and
// aria-role / aria-label are not among them, so a screen reader (读屏) heard a tappable card as
// plain text and the 长辈模式 switch without a name.
// This adds them to the template at build time; src/app.ts tells the runtime the same list —
// both sides must list the same attributes, or every view's attributes would be misnumbered.
const components = require('../src/components/tappable/weapp-aria.json')

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform.platform !== 'weapp' || !platform.template) return
      platform.template.mergeComponents(ctx, components)
    },
  })
}
