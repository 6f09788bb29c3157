//! Command-line interface of the collator: sub-commands, node flags and relay chain arguments.

use polkadot_sdk::*;
use std::path::PathBuf;

/// Sub-commands supported by the collator.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
	/// Build a chain specification.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification (the successor of `build-spec`).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Remove the whole chain.
	PurgeChain(cumulus_client_cli::PurgeChainCmd),

	/// Export the genesis head data of the parachain (the encoded genesis header), which the
	/// relay chain needs to register the parachain.
	#[command(alias = "export-genesis-state")]
	ExportGenesisHead(cumulus_client_cli::ExportGenesisHeadCommand),

	/// Export the genesis wasm (validation code) of the parachain.
	ExportGenesisWasm(cumulus_client_cli::ExportGenesisWasmCommand),

	/// Sub-commands concerned with benchmarking.
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}

const AFTER_HELP_EXAMPLE: &str = color_print::cstr!(
	r#"<bold><underline>Examples:</></>
   <bold>sp9-node build-spec --disable-default-bootnode > plain-parachain-chainspec.json</>
           Export the local testnet chain spec as JSON.
   <bold>sp9-node --chain plain-parachain-chainspec.json --tmp -- --chain relay-chainspec.json</>
           Run a full node from that chain spec, with the relay chain node given its own spec after `--`.
   <bold>sp9-node</>
           Run a full node of the <italic>local</> testnet on the relay chain named in its chain spec.
   <bold>sp9-node --collator</>
           Run a collator of the <italic>local</> testnet on the relay chain named in its chain spec.
 "#
);

// Command-line arguments of the collator. No doc comments on the struct or on its sub-command and
// flattened fields: clap would turn them into help text that `SubstrateCli` sets itself.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
#[clap(after_help = AFTER_HELP_EXAMPLE)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[command(flatten)]
	pub run: cumulus_client_cli::RunCmd,

	/// Disable automatic hardware benchmarks.
	///
	/// By default these benchmarks run at startup and measure the CPU speed, the memory
	/// bandwidth and the disk speed. The results are printed in the logs and sent with
	/// telemetry, if telemetry is enabled.
	#[arg(long)]
	pub no_hardware_benchmarks: bool,

	/// Relay chain arguments (everything after `--`).
	#[arg(raw = true)]
	pub relay_chain_args: Vec<String>,
}

/// The embedded relay chain node's command line.
#[derive(Debug)]
pub struct RelayChainCli {
	/// The relay chain node's own arguments.
	pub base: polkadot_cli::RunCmd,

	/// Chain id passed to the relay chain when no `--chain` is given to it.
	pub chain_id: Option<String>,

	/// Base path of the relay chain node.
	pub base_path: Option<PathBuf>,
}

impl RelayChainCli {
	/// Parses the relay chain arguments; defaults come from the parachain's `Configuration`.
	pub fn new<'a>(
		para_config: &sc_service::Configuration,
		relay_chain_args: impl Iterator<Item = &'a String>,
	) -> Self {
		let extension = crate::chain_spec::Extensions::try_get(&*para_config.chain_spec);
		let chain_id = extension.map(|e| e.relay_chain.clone());
		let base_path = para_config.base_path.path().join("polkadot");
		Self {
			base_path: Some(base_path),
			chain_id,
			base: clap::Parser::parse_from(relay_chain_args),
		}
	}
}
