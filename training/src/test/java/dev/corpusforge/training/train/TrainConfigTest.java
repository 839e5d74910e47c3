package dev.corpusforge.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** `train --set key=value`: typed overrides of any config key, in order, and the differences a resume refuses. */
class TrainConfigTest {
  @Test
  void overridesSetTypedValuesInOrderAndLeaveTheOriginalAlone() {
    TrainConfig defaults = new TrainConfig();
    TrainConfig c = defaults.withOverrides(List.of("learningRate=3e-3", "tieEmbedding=false", "maxSteps=7", "maxSteps=9"));
    assertEquals(3e-3, c.learningRate);
    assertFalse(c.tieEmbedding);
    assertEquals(9, c.maxSteps, "the last override of a key wins");
    assertEquals(new TrainConfig().toJson(), defaults.toJson());
  }

  @Test
  void anUnknownKeyOrAMistypedValueIsRefusedWithTheKnownKeys() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new TrainConfig().withOverrides(List.of("lr=3e-3")));
    assertTrue(unknown.getMessage().contains("'lr'") && unknown.getMessage().contains("learningRate"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TrainConfig().withOverrides(List.of("maxSteps=many")));
    assertThrows(IllegalArgumentException.class, () -> new TrainConfig().withOverrides(List.of("maxSteps")));
  }

  @Test
  void differencesNameEachChangedKey() {
    TrainConfig saved = new TrainConfig();
    List<String> changed = saved.differences(saved.withOverrides(List.of("weightDecay=0.05", "seed=1234")));
    assertEquals(List.of("weightDecay"), changed);
    assertEquals("0.1", TrainConfig.value(saved, "weightDecay"));
  }
}
