// '@tarojs/components' in jsdom (jest 'app' project moduleNameMapper): the components Taro's own
// H5 build renders, taken one by one. View, Button, Text, Input and Image are the React
// implementations in @tarojs/components-react (plain <div>/<span>/<input>/<img>, with the
// className, style, data-* and onClick props passed through); Switch has no React implementation
// there and is, as on H5, the <taro-switch-core> web component from @tarojs/components/lib/react,
// which registers and renders in jsdom. Mapping '@tarojs/components' to @tarojs/components-react's
// package index instead would make that index import itself (its Button imports View from
// '@tarojs/components') and load every component; here Button's import resolves to this file,
// which is harmless because View is only read at render time. Only what src/ imports is listed.
import type * as Taro from '@tarojs/components'
import ViewH5 from '@tarojs/components-react/dist/components/view/index.js'
import ButtonH5 from '@tarojs/components-react/dist/components/button/index.js'
import TextH5 from '@tarojs/components-react/dist/components/text/index.js'
import InputH5 from '@tarojs/components-react/dist/components/input/index.js'
import ImageH5 from '@tarojs/components-react/dist/components/image/index.js'

export const View = ViewH5 as typeof Taro.View
export const Button = ButtonH5 as typeof Taro.Button
export const Text = TextH5 as typeof Taro.Text
export const Input = InputH5 as typeof Taro.Input
export const Image = ImageH5 as typeof Taro.Image
export { Switch } from '@tarojs/components/lib/react'
