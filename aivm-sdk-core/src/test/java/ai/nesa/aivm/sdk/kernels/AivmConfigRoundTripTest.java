package ai.nesa.aivm.sdk.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AivmConfigRoundTripTest {
  private static final AivmConfigSchema SCHEMA = new AivmConfigSchema();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"minimal", "full"})
  void readWriteReadGivesAnEqualConfigAndWhatIsWrittenConformsToTheSchema(String name) {
    AivmConfig first = AivmConfig.fromJson(KernelFixtures.read("valid/" + name + ".json"));
    String written = first.toJson();
    AivmConfig second = AivmConfig.fromJson(written);
    assertEquals(first, second);
    assertEquals(first.hashCode(), second.hashCode());
    assertEquals(written, second.toJson(), "writing is stable");
    assertEquals(List.of(), SCHEMA.violations(written));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"minimal", "full"})
  void toBuilderCopiesEveryField(String name) {
    AivmConfig config = AivmConfig.fromJson(KernelFixtures.read("valid/" + name + ".json"));
    assertEquals(config, config.toBuilder().build());
  }
}
