import { render } from '@testing-library/react'
import { StageBar } from '../../src/packages/contests/components/stage-bar'

// 报名 → 初赛 → 复赛 → 决赛: behind ticked, current highlighted, the viewer's stage marked 我在这.
const steps = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.stage-bar__step')).map((el) => ({
    label: el.querySelector('.stage-bar__label')?.textContent,
    state: ['done', 'current', 'todo'].find((s) => el.classList.contains(`stage-bar__step--${s}`)),
    dot: el.querySelector('.stage-bar__dot')?.textContent,
    mine: el.classList.contains('stage-bar__step--mine'),
  }))

test('at 复赛, with my entry still at 初赛', () => {
  const { container } = render(<StageBar stage='semifinal' mine='preliminary' />)
  expect(steps(container)).toEqual([
    { label: '报名', state: 'done', dot: '✓', mine: false },
    { label: '初赛', state: 'done', dot: '✓', mine: true },
    { label: '复赛', state: 'current', dot: '3', mine: false },
    { label: '决赛', state: 'todo', dot: '4', mine: false },
  ])
  expect(container.querySelectorAll('.stage-bar__mine')).toHaveLength(1)
  expect(container.querySelector('.stage-bar__step--mine .stage-bar__mine')?.textContent).toBe('我在这')
})

test('at 报名 with no entry: nothing marked; once finished every stage is ticked', () => {
  const { container, rerender } = render(<StageBar stage='signup' />)
  expect(steps(container).map((s) => s.state)).toEqual(['current', 'todo', 'todo', 'todo'])
  expect(container.querySelector('.stage-bar__mine')).toBeNull()
  rerender(<StageBar stage='finished' mine='final' />)
  expect(steps(container).map((s) => s.state)).toEqual(['done', 'done', 'done', 'done'])
  expect(steps(container)[3].mine).toBe(true)
})
