import { type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { flushMicrotasks, text } from '../../../testing/dom';
import { PLUGIN_COMPONENTS } from '../plugin-components';
import type { PluginUiComponent } from '../plugin-ui.types';
import { PluginComponentHost } from './plugin-component-host';

describe('PluginComponentHost', () => {
  async function render(
    componentId: string,
    load: () => Promise<Type<PluginUiComponent>>,
  ): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [{ provide: PLUGIN_COMPONENTS, useValue: { broken: load } }],
    });
    const fixture = TestBed.createComponent(PluginComponentHost);
    fixture.componentRef.setInput('componentId', componentId);
    fixture.componentRef.setInput('plugin', 'BrokenPlugin');
    fixture.autoDetectChanges();
    await fixture.whenStable();
    await flushMicrotasks();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('says so when the component’s code does not load', async () => {
    const root = await render('broken', () =>
      Promise.reject(new Error('Loading chunk 12 failed')),
    );

    expect(text(root)).toBe(
      'BrokenPlugin could not be shown: Loading chunk 12 failed',
    );
  });

  it('shows a notice for an id the registry does not know, even one named like an object property', async () => {
    const root = await render('toString', () =>
      Promise.reject(new Error('not called')),
    );

    expect(text(root)).toContain("this plugin's UI is not part of this build");
  });
});
