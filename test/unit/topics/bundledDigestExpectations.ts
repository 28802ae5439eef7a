/**
 * What a knowledgeable reader expects of the topics of the bundled digest (71 papers on AI hardware and systems),
 * written down from the titles and abstracts BEFORE the topic algorithm existed.
 *
 * Papers are named by a unique prefix of their title. A `together` group holds when all its papers sit in one and
 * the same derived topic (not "Other"); an `apart` pair holds when its two papers do not share a derived topic.
 */

/** Papers that clearly share a theme. */
export interface TogetherExpectation {
	readonly kind: 'together';
	readonly why: string;
	readonly titles: readonly string[];
}

/** Two papers that share common words but not a theme. */
export interface ApartExpectation {
	readonly kind: 'apart';
	readonly why: string;
	readonly titles: readonly [string, string];
}

export type Expectation = TogetherExpectation | ApartExpectation;

export const bundledDigestExpectations: readonly Expectation[] = [
	// --- groups that belong together
	{
		kind: 'together',
		why: 'quantization is the main contribution of each',
		titles: ['OHQ: On-chip Hardware-aware Quantization', 'Accurate Block Quantization in LLMs', 'Agile-Quant:', 'COMET: Towards Partical W4A4KV4'],
	},
	{
		kind: 'together',
		why: 'processing-in-memory accelerators for LLM/GPT inference',
		titles: ['PIM-GPT:', 'NeuPIMs:'],
	},
	{
		kind: 'together',
		why: 'neuromorphic computing / spiking neural networks',
		titles: [
			'Spike-driven Transformer V2',
			'Language Modeling on a SpiNNaker 2 Neuromorphic Chip',
			'Natively neuromorphic LMU',
			'Resistive memory-based zero-shot liquid state machine',
			'Deep Neuromorphic Networks with Superconducting',
		],
	},
	{
		kind: 'together',
		why: 'serving LLMs at datacenter scale',
		titles: ['NanoFlow:', 'Serving Large Language Models on Huawei CloudMatrix384', 'Splitwise:'],
	},
	{
		kind: 'together',
		why: 'language models running on phones and edge devices',
		titles: ['On-Device Language Models: A Comprehensive Review', 'Fragile Mastery:', 'MELTing point:'],
	},
	{
		kind: 'together',
		why: 'LLMs that write hardware description code (Verilog / RTL)',
		titles: ['MG-Verilog:', 'ChipSeek-R1:'],
	},
	{
		kind: 'together',
		why: 'training on microcontrollers with tiny memory',
		titles: ['On-Device Training Under 256KB Memory', 'Reduced Precision Floating-Point Optimization'],
	},
	{
		kind: 'together',
		why: 'neural-network chips for particle / nuclear detector signals',
		titles: ['PulseDL-II:', 'A reconfigurable neural network ASIC for detector front-end'],
	},
	{
		kind: 'together',
		why: 'offloading optimizer state / parameters to host memory or SSDs to train huge models',
		titles: ['Deep Optimizer States:', 'Adding NVMe SSDs to Enable'],
	},
	{
		kind: 'together',
		why: 'characterizing NVIDIA GPU architectures',
		titles: ['Benchmarking and Dissecting the Nvidia Hopper GPU', 'Understanding GEMM Performance and Energy on NVIDIA Ada Lovelace'],
	},
	{
		kind: 'together',
		why: 'mixture-of-experts inference',
		titles: ['A Survey on Inference Optimization Techniques for Mixture of Experts', 'MoE-Lens:'],
	},
	{
		kind: 'together',
		why: 'scheduling / utilization on DNN accelerators',
		titles: ['DRACO:', 'Combined Scheduling, Memory Allocation and Tensor Replacement'],
	},
	{
		kind: 'together',
		why: 'LLM inference kernels on GPUs',
		titles: ['FlashDecoding++:', 'Flash-LLM:'],
	},
	{
		kind: 'together',
		why: 'machine learning for circuit design automation',
		titles: ['AnalogGenie:', 'Retrieval-Guided Reinforcement Learning for Boolean Circuit Minimization'],
	},
	{
		kind: 'together',
		why: 'broad reviews of efficient LLMs',
		titles: ['Beyond Efficiency: A Systematic Survey', 'New Solutions on LLM Acceleration'],
	},

	// --- pairs that share words, not a theme
	{ kind: 'apart', why: 'video diffusion model vs spiking transformer chip ("transformer")', titles: ['Wan: Open and Advanced', 'Spike-driven Transformer V2'] },
	{ kind: 'apart', why: 'video generation vs LLM decoding kernels ("large-scale", "generative")', titles: ['Wan: Open and Advanced', 'FlashDecoding++:'] },
	{ kind: 'apart', why: 'spiking LM on a neuromorphic chip vs a review of on-device LMs ("language model")', titles: ['Language Modeling on a SpiNNaker 2', 'On-Device Language Models: A Comprehensive Review'] },
	{ kind: 'apart', why: 'AI policy vs AI hardware architecture ("AI", "large-scale")', titles: ['Verifying International Agreements on AI', 'Insights into DeepSeek-V3'] },
	{ kind: 'apart', why: 'PCB image dataset vs Verilog dataset ("dataset", "circuit")', titles: ['PCB-Vision:', 'MG-Verilog:'] },
	{ kind: 'apart', why: 'quantization vs a resistive-memory liquid state machine ("hardware", "memory")', titles: ['OHQ: On-chip Hardware-aware Quantization', 'Resistive memory-based zero-shot'] },
	{ kind: 'apart', why: 'melanoma SVM on an FPGA vs LLM serving throughput', titles: ['A system on chip for melanoma detection', 'NanoFlow:'] },
	{ kind: 'apart', why: 'nuclear-detector chip vs LLM decoding on GPUs ("accelerator", "energy")', titles: ['PulseDL-II:', 'FlashDecoding++:'] },
	{ kind: 'apart', why: 'efficient attention via binarization vs datacenter power ("energy", "power")', titles: ['EcoFormer:', 'POLCA:'] },
	{ kind: 'apart', why: 'brain-inspired cells vs microcontroller training ("training", "energy-efficient")', titles: ['Unlocking the potential of two-point cells', 'On-Device Training Under 256KB Memory'] },
	{ kind: 'apart', why: 'neural graphics hardware vs optimizer offloading ("hardware", "GPU")', titles: ['Hardware Acceleration of Neural Graphics', 'Deep Optimizer States:'] },
	{ kind: 'apart', why: 'PIM accelerator for GPT vs LLM writing RTL ("GPT", "LLM", "hardware")', titles: ['PIM-GPT:', 'ChipSeek-R1:'] },
];
