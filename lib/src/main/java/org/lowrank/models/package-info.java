/**
 * Standard architectures and pretrained networks: {@link org.lowrank.models.ResNet} (ResNet-18/10 and small
 * ResNets as DL4J ComputationGraphs with batch norm and residual blocks), {@link org.lowrank.models.AlexNet},
 * {@link org.lowrank.models.Pretrained} (ModelSerializer zips and DL4J zoo models from a local folder, never
 * downloaded), and {@link org.lowrank.models.FineTuning} (plain fine-tuning vs fine-tuning through
 * function-preserving expansion and collapse; notebook 10). All of them are handled by {@code org.lowrank.expand}.
 */
package org.lowrank.models;
