package org.csdlab.ebpf.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Runs one {@link Fuzz} target: applies the campaign's tries and seed, gives the target a fresh
 * {@link FuzzTally} and prints its summary line when the target ends, passed or failed.
 *
 * <p>System properties: the target's own {@code @Fuzz(triesProperty = ...)}, then {@value
 * #TRIES_PROPERTY} (inputs per target; the target's {@code @Fuzz(tries = ...)} otherwise), {@value
 * #SEED_PROPERTY} (another input sequence; {@value #DEFAULT_SEED} otherwise).
 */
public final class FuzzCampaign implements AroundPropertyHook {
  /** Inputs each target tries, overriding the short default of {@code mvn verify}. */
  public static final String TRIES_PROPERTY = "csdlab.fuzz.tries";

  /** The seed of the input sequence. */
  public static final String SEED_PROPERTY = "csdlab.fuzz.seed";

  /** The seed that {@code mvn verify} uses, so that its inputs are the same on every run. */
  public static final String DEFAULT_SEED = "20261206";

  /** The tally of the target running now; targets run one at a time. */
  private static volatile FuzzTally current;

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String ownProperty = context.findAnnotation(Fuzz.class).map(Fuzz::triesProperty).orElse("");
    Integer own = ownProperty.isEmpty() ? null : Integer.getInteger(ownProperty);
    Integer override = own != null ? own : Integer.getInteger(TRIES_PROPERTY);
    context
        .attributes()
        .setTries(
            override != null
                ? override
                : context.findAnnotation(Fuzz.class).map(Fuzz::tries).orElseThrow());
    String seed = System.getProperty(SEED_PROPERTY);
    if (seed != null && !seed.isBlank()) {
      context.attributes().setSeed(seed);
    }
    String target =
        context.containerClass().getSimpleName() + "." + context.targetMethod().getName();
    FuzzTally tally = new FuzzTally(target);
    current = tally;
    try {
      PropertyExecutionResult result = property.execute();
      System.out.println(tally.summary(result.seed().orElse("?"), result.status().name()));
      return result;
    } finally {
      current = null;
    }
  }

  /** The tally of the running target; a target's oracle records every outcome here. */
  static FuzzTally tally() {
    FuzzTally tally = current;
    if (tally == null) {
      throw new IllegalStateException("a FuzzOracle is used outside a @Fuzz target");
    }
    return tally;
  }
}
