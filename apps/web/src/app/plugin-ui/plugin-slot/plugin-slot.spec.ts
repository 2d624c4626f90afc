import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ChangeDetectionStrategy,
  Component,
  input,
  type Type,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { flushMicrotasks, text } from '../../../testing/dom';
import {
  newBootstrapPayload,
  newPluginSlotEntry,
} from '../../../testing/factories';
import {
  BOOTSTRAP_URL,
  BootstrapService,
} from '../../core/bootstrap/bootstrap.service';
import { PLUGIN_COMPONENTS } from '../plugin-components';
import type { PluginUiComponent, PluginUiContext } from '../plugin-ui.types';
import { PluginSlot } from './plugin-slot';

@Component({
  template:
    '<p>Card for team {{ context().teamId }}, titled {{ context().title }}</p>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class CardStub implements PluginUiComponent {
  readonly context = input<PluginUiContext>({});
}

@Component({
  imports: [PluginSlot],
  template: `<pb-plugin-slot name="team:tabs" [context]="{ teamId: 'team-7' }" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class TeamPageStub {}

describe('PluginSlot', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: PLUGIN_COMPONENTS,
          useValue: {
            'card-stub': () =>
              Promise.resolve(CardStub as Type<PluginUiComponent>),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(
    entries: ReturnType<typeof newPluginSlotEntry>[],
  ): Promise<HTMLElement> {
    const loaded = TestBed.inject(BootstrapService).ensureLoaded('user-1');
    http
      .expectOne(BOOTSTRAP_URL)
      .flush(newBootstrapPayload({ slots: { 'team:tabs': entries } }));
    await loaded;
    const fixture = TestBed.createComponent(TeamPageStub);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    await flushMicrotasks();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('renders every entry of its slot in a titled region, passing the page’s context', async () => {
    const root = await render([
      newPluginSlotEntry({
        slot: 'team:tabs',
        plugin: 'TeamPlugin',
        component: 'card-stub',
        title: 'Team extras',
      }),
      newPluginSlotEntry({
        slot: 'team:tabs',
        plugin: 'ElsewherePlugin',
        component: 'not-in-this-build',
        title: 'Elsewhere',
      }),
    ]);

    const regions = Array.from(root.querySelectorAll('section'));
    expect(regions.map((region) => region.querySelector('h2')?.textContent?.trim())).toEqual(['Team extras', 'Elsewhere']);
    const first = regions[0] as HTMLElement;
    expect(first.getAttribute('aria-labelledby')).toBe(
      first.querySelector('h2')?.id,
    );
    expect(text(first)).toContain(
      'Card for team team-7, titled Team extras',
    );
    // A component id this build does not carry: a notice, not an error.
    expect(text(regions[1] as HTMLElement)).toContain(
      "ElsewherePlugin: this plugin's UI is not part of this build (component not-in-this-build).",
    );
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('renders nothing when no plugin fills the slot', async () => {
    const root = await render([]);

    expect(root.querySelector('section')).toBeNull();
  });
});
