package io.pxrcad;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arrows of docs/ARCHITECTURE.md: core packages in the order of the method, each importing
 * only packages before it; DJL only where networks are built, trained or run.
 */
class ArchitectureTest {
    /**
     * Bottom to top. {@code eval} is pure metric functions over scores and labels, low so that
     * training chooses its thresholds with the same functions that evaluation reports;
     * {@code artifact} is the model file format without an engine; {@code infer} is the chain that
     * training's validation scoring and every caller run; {@code cv} drives training and
     * inference fold by fold, while {@code report} renders {@code eval}'s results and needs no {@code cv};
     * {@code onnx} exports the networks of an artifact and runs them on ONNX Runtime behind infer's seam.
     * {@code pacs} writes results as DICOM (drawing with {@code report}) and exchanges them with a PACS.
     */
    static final List<String> ORDER = List.of("image", "dicom", "fuzz", "data", "eval", "phantom", "artifact", "model",
            "mining", "infer", "onnx", "train", "cv", "report", "pacs");
    /** Known exceptions, to be removed, not added to. */
    static final Set<String> KNOWN = Set.of();

    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pxrcad");
    }

    @Test
    void everyPackageImportsOnlyPackagesBelowIt() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < ORDER.size(); i++) {
            for (String pkg : ORDER.get(i).split("\\|")) {
                for (int j = i; j < ORDER.size(); j++) {
                    for (String above : ORDER.get(j).split("\\|")) {
                        if (above.equals(pkg) || KNOWN.contains(pkg + "->" + above)) continue;
                        boolean depends = core.stream()
                                .filter(c -> c.getPackageName().equals("io.pxrcad." + pkg))
                                .anyMatch(c -> c.getDirectDependenciesFromSelf().stream()
                                        .anyMatch(d -> d.getTargetClass().getPackageName().equals("io.pxrcad." + above)));
                        if (depends) violations.add(pkg + " -> " + above);
                    }
                }
            }
        }
        assertThat(violations).as("imports against the order " + ORDER).isEmpty();
    }

    @Test
    void imageKnowsNoDecoderButItsOwn() {
        noClasses().that().resideInAPackage("io.pxrcad.image").should().dependOnClassesThat()
                .resideInAnyPackage("io.pxrcad.dicom..", "io.pxrcad.fuzz..").check(core);
    }

    @Test
    void djlOnlyInModelTrainAndInfer() {
        noClasses().that().resideInAnyPackage("io.pxrcad", "io.pxrcad.image..", "io.pxrcad.dicom..", "io.pxrcad.fuzz..",
                        "io.pxrcad.data..", "io.pxrcad.phantom..", "io.pxrcad.artifact..", "io.pxrcad.mining..", "io.pxrcad.eval..", "io.pxrcad.cv..", "io.pxrcad.report..",
                        "io.pxrcad.onnx..", "io.pxrcad.pacs..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..").check(core);
    }

    @Test
    void onnxRuntimeOnlyInItsRunnerAndOnnxProtobufOnlyInOnnx() {
        // OrtRunner and its nested classes (the engine, the shared environment)
        noClasses().that().haveNameNotMatching("io\\.pxrcad\\.onnx\\.OrtRunner(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..").check(core);
        noClasses().that().resideOutsideOfPackage("io.pxrcad.onnx")
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnx..", "com.google.protobuf..").check(core);
    }

    @Test
    void inferenceIsPlainJavaButForTheDjlEngine() {
        noClasses().that().resideInAPackage("io.pxrcad.infer").and().doNotHaveSimpleName("TorchRunner")
                .and().doNotHaveFullyQualifiedName("io.pxrcad.infer.TorchRunner$1")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "io.pxrcad.model..").check(core);
    }

    @Test
    void coreImportsNoApplication() {
        noClasses().that().resideInAPackage("io.pxrcad..").should().dependOnClassesThat()
                .resideInAnyPackage("io.pxrcad.cli..", "io.pxrcad.server..", "io.pxrcad.spark..", "picocli..")
                .check(core);
    }

    @Test
    void theOrderNamesEveryCorePackage() {
        List<String> named = ORDER.stream().flatMap(l -> java.util.Arrays.stream(l.split("\\|"))).map(p -> "io.pxrcad." + p).toList();
        assertThat(core.stream().map(c -> c.getPackageName()).filter(p -> !p.equals("io.pxrcad")).distinct())
                .allMatch(named::contains);
    }
}
