package org.csdlab.ebpf.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A fuzz target: a jqwik property with a fixed seed whose body hands each input to a {@link
 * FuzzOracle}. The {@code tries} written here keep {@code mvn verify} short; {@code
 * -Dcsdlab.fuzz.tries=N} and {@code -Dcsdlab.fuzz.seed=S} override them for a longer campaign (see
 * {@link FuzzCampaign}), and every target prints one summary line.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Property(
    seed = FuzzCampaign.DEFAULT_SEED,
    shrinking = ShrinkingMode.BOUNDED,
    afterFailure = AfterFailureMode.RANDOM_SEED)
@AddLifecycleHook(FuzzCampaign.class)
public @interface Fuzz {
  /** Inputs in {@code mvn verify}; {@code -Dcsdlab.fuzz.tries=N} overrides it. */
  int tries();

  /**
   * A system property of the target's own that overrides {@code tries} for it alone (and wins over
   * {@code -Dcsdlab.fuzz.tries}), e.g. {@code diff.tries}; none when empty.
   */
  String triesProperty() default "";
}
