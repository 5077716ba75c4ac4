"""The syllabus topics every card is tagged with (ids, what they cover, minimum cards).

Mirrors the table in the project's SYLLABUS.md; a test keeps the two in step.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    covers: str
    min_cards: int


TOPICS: dict[str, Topic] = {
    t.id: t
    for t in (
        Topic('math.linalg', 'matrix products and shapes, eigen-decomposition, SVD, rank, norms, PSD', 12),
        Topic('math.calculus', 'gradients, Jacobians, chain rule, backprop through matmul', 10),
        Topic('math.probability', 'Bayes, MLE vs MAP, KL, entropy, cross-entropy, Markov chains', 12),
        Topic('math.optimization', 'GD/SGD/momentum, Adam/AdamW, LR schedules, Newton / quasi-Newton, convexity', 12),
        Topic('ml.supervised', 'linear / logistic regression, normal equation, trees (ID3, C4.5), random forest, SVM (kernel, soft margin)', 12),
        Topic('ml.unsupervised', 'k-means, hierarchical clustering, PCA', 6),
        Topic('ml.rl', 'MDP, Q-learning, exploration vs exploitation, policy gradient basics', 6),
        Topic('ml.generalization', 'bias/variance, over/under-fitting, L1/L2, dropout, early stopping, data augmentation', 10),
        Topic('ml.metrics', 'accuracy, precision/recall/F1, ROC-AUC, perplexity, BLEU, ROUGE', 10),
        Topic('dl.basics', 'autograd, initialisation (Xavier/He), activations (ReLU/GELU/SwiGLU), vanishing/exploding gradients, clipping, batch vs layer norm', 14),
        Topic('dl.sequence', 'RNN, LSTM, GRU, why Transformers beat RNNs on long sequences', 8),
        Topic('nlp.text', 'tokenisation (BPE, WordPiece, SentencePiece), stemming, stop words, embeddings', 8),
        Topic('transformer.attention', 'scaled dot-product attention, why 1/√d_k, masks, multi-head, MQA/GQA, MLA (latent KV compression), attention cost', 18),
        Topic('transformer.architecture', 'encoder / decoder / encoder-decoder, residuals, pre-LN vs post-LN, FFN, parameter count', 12),
        Topic('transformer.position', 'sinusoidal, learned, relative, RoPE, ALiBi, length extrapolation', 8),
        Topic('llm.pretraining', 'MLM vs causal LM (BERT vs GPT), PLM (XLNet), data cleaning and dedup, scaling laws, training recipes (μP, WSD schedule, QK-norm, logit soft-capping)', 16),
        Topic('llm.finetuning', 'full fine-tuning, LoRA / QLoRA / adapters / prefix tuning, instruction tuning', 12),
        Topic('llm.alignment', 'SFT, RLHF (reward model, PPO), DPO, GRPO, reward hacking', 10),
        Topic('llm.longcontext', 'Transformer-XL, Longformer, sparse / linear attention, FlashAttention, sliding windows', 8),
        Topic('llm.moe', 'mixture of experts, routing, load balancing, capacity', 6),
        Topic('llm.rag', 'embeddings, retrieval, chunking, reranking, prompting, agents', 8),
        Topic('llm.decoding', 'greedy, beam, temperature, top-k, top-p, min-p, repetition penalty, constrained (grammar / JSON) decoding', 10),
        Topic('systems.distributed', 'data / tensor / pipeline / sequence and context parallel (ring attention, Ulysses), pipeline bubble, 3D parallelism, ZeRO 1/2/3, FSDP, all-reduce cost, gradient accumulation', 18),
        Topic('systems.memory', 'mixed precision (fp16/bf16, loss scaling), gradient checkpointing, activation memory', 8),
        Topic('systems.inference', 'KV cache, continuous / dynamic batching, chunked prefill, prefill/decode disaggregation, prefix caching (RadixAttention), KV-cache quantisation and eviction (H2O, SnapKV), speculative decoding (draft models, Medusa, EAGLE), multi-LoRA serving, operator fusion, latency vs throughput', 18),
        Topic('systems.compression', 'quantisation (PTQ, QAT, dynamic vs static, INT8 / 4-bit), pruning, distillation', 12),
        Topic('multimodal', 'CLIP contrastive pre-training, cross-modal retrieval, ViT patching, VLM connectors (LLaVA projector, Q-Former), image-token budgets', 10),
        Topic('llm.reasoning', 'RL with verifiable rewards, outcome vs process reward models, best-of-N and rejection-sampling fine-tuning, test-time compute (self-consistency, long chain of thought), preference variants (KTO, SimPO, ORPO), RLAIF / Constitutional AI', 10),
        Topic('llm.evaluation', 'pass@k and its unbiased estimator, arena ratings (Elo / Bradley–Terry), calibration (ECE), variance and significance of eval deltas, contamination, LLM-as-judge biases', 10),
        Topic('systems.gpu', 'memory hierarchy (registers, SRAM, HBM), roofline and arithmetic intensity, MFU, kernel fusion, CUDA / Triton execution model (blocks, warps, coalescing), FP8 training (E4M3 / E5M2, scaling)', 10),
        Topic('models.ssm', 'state-space models and Mamba (selective scan), linear-time recurrence vs attention, parallel scan, hybrid models', 6),
        Topic('models.diffusion', 'DDPM forward and reverse process, the ε-prediction loss, classifier-free guidance, latent diffusion, flow matching', 6),
        Topic('mlops', 'experiment tracking, evaluation sets, monitoring, ONNX / TensorRT export, reproducibility', 6),
        Topic('interview.scenario', "open design and debugging questions in the seeds' style", 12),
    )
}
