/**
 * The networks of the method (Wang et al., MICCAI 2019; METHOD.md), built from DJL blocks in
 * torchvision's exact structure, their losses, weight import and the saved model artifact.
 *
 * <h2>Networks</h2>
 * <ul>
 *   <li>{@link io.pxrcad.model.DenseNet} ({@code densenet121()}: 7,978,856 parameters with the
 *       1000-class head) and {@link io.pxrcad.model.ResNet} ({@code resnet18()}: 11,689,512), each
 *       with a {@code tiny()} configuration for tests; {@code features(...)} gives the
 *       {@link io.pxrcad.model.Backbone} {@code (N,3,H,W) -> (N,C,H/32,W/32)}.</li>
 *   <li>{@link io.pxrcad.model.Networks} builds initialised DJL models from a
 *       {@link io.pxrcad.artifact.NetworkConfig}: stage 1 {@link io.pxrcad.model.MilFcn}
 *       ({@code [lse (N,1), map (N,1,h,w), features (N,C)]}), stage 2 {@link io.pxrcad.model.RoiClassifier}
 *       ({@code [fracture (N,1)(, type (N,1))]}) and the Table 1 baselines
 *       {@link io.pxrcad.model.Baseline} / {@link io.pxrcad.model.PooledClassifier} ({@code [prob (N,1)]}).
 *       The first output is what the loss takes.</li>
 *   <li>{@link io.pxrcad.model.LsePooling} (NDArray op and plain-Java twin) and
 *       {@link io.pxrcad.model.Losses} (BCE on probabilities, masked type loss).</li>
 * </ul>
 *
 * <h2>Memory</h2>
 * Every stage of a sequential block (each dense layer, transition, residual block) runs in a
 * temporary sub-manager that keeps only its output, in inference and in training; autograd keeps
 * what backward needs. DenseNet-121 inference at 961x961 thus needs about 1 GB instead of 4 GB.
 *
 * <h2>Weights</h2>
 * Parameter names are torchvision's state-dict names (see {@code TorchNames} for the mapping), so
 * torchvision or timm {@code *.tv_in1k} weights converted to safetensors load with
 * {@link io.pxrcad.model.WeightImport}; a {@link io.pxrcad.artifact.ModelArtifact} stores one
 * safetensors file per network, {@code model.json} with configuration, preprocessing, thresholds,
 * versions and SHA-256 of each file, and the model card {@code MODEL.md}.
 * {@link io.pxrcad.artifact.FeatureStatistics} (in {@code model.json}) describe the stage-1 features of the
 * training images for the out-of-scope check. Errors in weight files are {@link io.pxrcad.artifact.ModelArtifactException}s.
 *
 * <p>{@link io.pxrcad.model.TorchEngine} is the only place that makes a DJL {@code Device}.
 */
package io.pxrcad.model;
