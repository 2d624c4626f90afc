import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { RegistryEntryView } from '@plugboard/shared-contracts';
import {
  alerts,
  buttonByName,
  choose,
  controlByLabel,
  flushMicrotasks,
  text,
  typeInto,
} from '../../../../testing/dom';
import { newProblem, newRegistryEntry } from '../../../../testing/factories';
import { RegistryEdit } from './registry-edit';
import { draftOf, registryPatch } from './registry-edit.util';

const URL = '/api/admin/plugins/global/RegexFilterPlugin';

describe('registryPatch', () => {
  it('sends only the changed fields with the revision, or nothing', () => {
    const entry = newRegistryEntry({ revision: 7, mode: 'enforce' });
    expect(registryPatch(entry, draftOf(entry), true)).toBeNull();
    expect(
      registryPatch(entry, { ...draftOf(entry), mode: 'permissive' }, false),
    ).toEqual({ revision: 7, dryRun: false, mode: 'permissive' });
  });
});

describe('RegistryEdit', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<RegistryEdit>;
  let saved: RegistryEntryView[];

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(entry: RegistryEntryView): Promise<HTMLElement> {
    fixture = TestBed.createComponent(RegistryEdit);
    fixture.componentRef.setInput('entry', entry);
    saved = [];
    fixture.componentInstance.saved.subscribe((value) => saved.push(value));
    fixture.autoDetectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  it('reviews the impact with a dry run, then saves with the revision', async () => {
    const entry = newRegistryEntry({
      name: 'RegexFilterPlugin',
      revision: 3,
      enabledGlobally: false,
    });
    const root = await render(entry);

    controlByLabel(root, 'Enabled globally').click();
    choose(controlByLabel<HTMLSelectElement>(root, 'Mode'), 'permissive');
    buttonByName(root, 'Review impact').click();
    const dryRun = http.expectOne({ method: 'PATCH', url: URL });
    expect(dryRun.request.body).toEqual({
      revision: 3,
      dryRun: true,
      enabledGlobally: true,
      mode: 'permissive',
    });
    dryRun.flush({
      dryRun: true,
      changedFields: ['enabledGlobally', 'mode'],
      entry,
      impact: {
        servers: [],
        summary: {
          servers: 5,
          serversChanged: 4,
          added: 4,
          removed: 0,
          changed: 0,
        },
      },
    });
    await settle();
    expect(
      text(root.querySelector('[data-testid="edit-impact"]') as HTMLElement),
    ).toContain('4 of 5 servers');

    buttonByName(root, 'Save').click();
    const commit = http.expectOne({ method: 'PATCH', url: URL });
    expect(commit.request.body).toMatchObject({ revision: 3, dryRun: false });
    const updated = { ...entry, enabledGlobally: true, revision: 4 };
    commit.flush({
      dryRun: false,
      changedFields: ['enabledGlobally'],
      entry: updated,
      impact: {
        servers: [],
        summary: {
          servers: 5,
          serversChanged: 4,
          added: 4,
          removed: 0,
          changed: 0,
        },
      },
    });
    await settle();
    expect(saved).toEqual([updated]);
  });

  it('stops an invalid priority and shows a conflict’s detail', async () => {
    const root = await render(newRegistryEntry({ name: 'RegexFilterPlugin' }));

    typeInto(controlByLabel(root, 'Priority'), '1.5');
    await settle();
    expect(buttonByName(root, 'Review impact').disabled).toBe(true);

    typeInto(controlByLabel(root, 'Priority'), '5');
    await settle();
    buttonByName(root, 'Review impact').click();
    http
      .expectOne({ method: 'PATCH', url: URL })
      .flush(newProblem({ status: 409, detail: 'Changed by someone else' }), {
        status: 409,
        statusText: 'Conflict',
      });
    await settle();
    expect(alerts(root)).toEqual(['Changed by someone else']);
  });
});
