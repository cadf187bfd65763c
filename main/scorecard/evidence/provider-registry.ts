import type { EvidenceProvider } from './providers.ts';

/** Evidence sources other subsystems plug in (e.g. backups); the scorecard asks all of them per run. */
export class EvidenceProviderRegistry {
  private readonly providers = new Map<string, EvidenceProvider>();

  /** Registers (or replaces) the provider for its id; returns the way to remove it. */
  register(provider: EvidenceProvider): () => void {
    this.providers.set(provider.id, provider);
    return () => {
      if (this.providers.get(provider.id) === provider) this.providers.delete(provider.id);
    };
  }

  list(): EvidenceProvider[] {
    return [...this.providers.values()];
  }
}
