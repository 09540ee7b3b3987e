import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describedBy, Field } from '../../components/Field';
import { AgentPicker, filterAgents } from '../../entrypoints/options/AgentPicker';
import { catalogue, messages } from './catalogue';

const getMessage = messages(catalogue('en'));
let root: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  root = document.createElement('div');
});

describe('"Who are you?"', () => {
  it('shows names as plain text: no direction overrides, no control characters, capped', () => {
    const agents = [
      { id: '12999', name: 'Ana\u202e Pérez' },
      { id: '13000', name: `Luz\n${'M'.repeat(300)}` },
    ];
    act(() => render(<AgentPicker agents={agents} agentId="12999" locale="en-US" />, root));
    const sentence = root.querySelector('[data-testid="agent-selected"]')!.textContent!;
    // The name is isolated, and nothing in it can turn "(extension 12999)" around.
    expect(sentence).toBe('You are \u2068Ana Pérez\u2069 (extension 12999).');
    const names = [...root.querySelectorAll('.agent-name')].map((n) => n.textContent!);
    expect(names[0]).toBe('Ana Pérez');
    expect(names[1]!.startsWith('Luz MMM')).toBe(true);
    expect([...names[1]!].length).toBe(80);
    expect(names[1]!.endsWith('…')).toBe(true);
  });
});

describe('searching "Who are you?"', () => {
  it('finds a name typed as it is shown, whatever the raw name held', () => {
    const agents = [
      { id: '12999', name: 'Ana\u202e Pérez' },
      { id: '13000', name: 'Luz\nMarina' },
    ];
    expect(filterAgents(agents, 'ana pérez', 'es').map((a) => a.id)).toEqual(['12999']);
    expect(filterAgents(agents, 'Luz Marina', 'es').map((a) => a.id)).toEqual(['13000']);
  });
});

describe('a field set by the organisation', () => {
  it('tells a screen reader why its control is disabled', () => {
    act(() =>
      render(
        <Field id="server" label="Server" hint="A code such as 0032" managed>
          <input id="server" disabled aria-describedby={describedBy('server')} />
        </Field>,
        root,
      ),
    );
    const input = root.querySelector('input')!;
    const description = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => root.querySelector(`[id="${id}"]`)?.textContent)
      .filter(Boolean);
    expect(description).toEqual(['Set by your organisation', 'A code such as 0032']);
  });
});
