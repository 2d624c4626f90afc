// The API speaks the contract's HookName (libs/shared), plugins the SDK's (libs/plugin-sdk); both lists are written out twice.
import type { HookName as SdkHookName, PluginManifest } from '@plugboard/plugin-sdk';
import { HOOK_NAMES, type HookName } from '@plugboard/shared-contracts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** Does not compile when a hook is added to, or dropped from, only one of the two unions. */
export type HookNamesAgree = Assert<Equal<HookName, SdkHookName>>;

/** The hooks a plugin's manifest implements, in HOOK_NAMES order. */
export function implementedHooks(manifest: Pick<PluginManifest, 'hooks'>): HookName[] {
  return HOOK_NAMES.filter((hook) => typeof manifest.hooks[hook] === 'function');
}
