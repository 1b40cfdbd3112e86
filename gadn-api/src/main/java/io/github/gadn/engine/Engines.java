package io.github.gadn.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds engines registered through {@link EngineProvider}. */
public final class Engines {
  private Engines() {}

  /**
   * The only engine on the class path, or the one named by the system property {@code
   * gadn.engine}.
   *
   * @throws IllegalStateException if none (add gadn-tensorflow to the dependencies) or the named
   *     one is missing
   */
  public static GadnEngine get() {
    List<EngineProvider> providers = new ArrayList<>();
    ServiceLoader.load(EngineProvider.class).forEach(providers::add);
    if (providers.isEmpty()) {
      throw new IllegalStateException(
          "no GADN engine on the class path: add the io.github.gadn:gadn-tensorflow dependency");
    }
    String wanted = System.getProperty("gadn.engine");
    if (wanted == null) {
      return providers.get(0).engine();
    }
    for (EngineProvider p : providers) {
      if (p.name().equals(wanted)) {
        return p.engine();
      }
    }
    throw new IllegalStateException(
        "engine \"" + wanted + "\" (system property gadn.engine) is not on the class path");
  }
}
