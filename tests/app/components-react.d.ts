// @tarojs/components-react ships types for its package index only; tests/app/taro-components.ts
// imports single components from dist/ (and gives them the @tarojs/components types).
declare module '@tarojs/components-react/dist/components/*' {
  const component: unknown
  export default component
}
