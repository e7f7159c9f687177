import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { coalescedLoad } from './coalescedLoad';
import { fetchReasonCatalogue } from '../api/reasons';
import { DEFAULT_CATALOGUE, type Catalogue } from '../../shared/domain/reasonCatalogue';

/**
 * The reason catalogue as the server has it. One module-level ref, so that reasonLabel (a plain
 * function components call while rendering) reads it reactively; only this store writes it.
 */
export const configuredCatalogue = shallowRef<Catalogue>(DEFAULT_CATALOGUE);

/**
 * Loaded from GET /api/reasons when the socket connects and again when the server says it
 * changed ('reasons:changed'), and after the supervisor saves it.
 */
export const useReasonsStore = defineStore('reasons', () => {
  /** Fetches the catalogue; a call while one is in flight asks for one more fetch after it. */
  const load = coalescedLoad(async () => {
    const result = await fetchReasonCatalogue();
    if (result.ok) configuredCatalogue.value = result.value;
    return result.ok;
  });

  /** After a successful save: the answer is the catalogue now. */
  function apply(catalogue: Catalogue): void {
    configuredCatalogue.value = catalogue;
  }

  function reset(): void {
    configuredCatalogue.value = DEFAULT_CATALOGUE;
  }

  return { catalogue: configuredCatalogue, load, apply, reset };
});
