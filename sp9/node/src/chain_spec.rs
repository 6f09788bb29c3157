//! Chain specifications built into the node: a development chain and a local testnet.
//!
//! Genesis state comes from the runtime's presets (`sp_genesis_builder`), so the runtime stays
//! the one place that knows the initial accounts, collators and para ID.

use polkadot_sdk::*;

use sc_chain_spec::{ChainSpecExtension, ChainSpecGroup};
use sc_service::ChainType;
use serde::{Deserialize, Serialize};

// The runtime this node runs
use sp9_runtime as runtime;

/// The `ChainSpec` of this parachain, with the parachain [`Extensions`].
pub type ChainSpec = sc_service::GenericChainSpec<Extensions>;

// async-parachain:begin chain/relay-chain
/// The relay chain this parachain connects to (the relay chain's chain-spec id).
pub const RELAY_CHAIN: &str = "paseo-local";
// async-parachain:end chain/relay-chain

/// Parachain fields of the chain spec, read by the node before it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ChainSpecGroup, ChainSpecExtension)]
pub struct Extensions {
	/// The relay chain of the parachain.
	#[serde(alias = "relayChain", alias = "RelayChain")]
	pub relay_chain: String,
	/// The para ID of the parachain.
	#[serde(alias = "paraId", alias = "ParaId")]
	pub para_id: u32,
}

impl Extensions {
	/// Reads the extension from the given `ChainSpec`.
	pub fn try_get(chain_spec: &dyn sc_service::ChainSpec) -> Option<&Self> {
		sc_chain_spec::get_extension(chain_spec.extensions())
	}
}

// async-parachain:begin chain/properties
/// Token symbol, decimals and address format that wallets and explorers read.
fn chain_properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), "UNIT".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}
// async-parachain:end chain/properties

/// The development chain: the runtime's `development` genesis preset.
pub fn development_chain_spec() -> ChainSpec {
	ChainSpec::builder(
		runtime::WASM_BINARY.expect("WASM binary was not built, please build it!"),
		Extensions { relay_chain: RELAY_CHAIN.into(), para_id: runtime::PARACHAIN_ID },
	)
	.with_name("Sp9 Development")
	.with_id("sp9_dev")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
	.with_properties(chain_properties())
	.build()
}

/// The local testnet: the runtime's `local_testnet` genesis preset.
pub fn local_chain_spec() -> ChainSpec {
	#[allow(deprecated)]
	ChainSpec::builder(
		runtime::WASM_BINARY.expect("WASM binary was not built, please build it!"),
		Extensions { relay_chain: RELAY_CHAIN.into(), para_id: runtime::PARACHAIN_ID },
	)
	.with_name("Sp9 Local Testnet")
	.with_id("sp9_local_testnet")
	.with_chain_type(ChainType::Local)
	.with_genesis_config_preset_name(sc_chain_spec::LOCAL_TESTNET_RUNTIME_PRESET)
	.with_protocol_id("sp9-local")
	.with_properties(chain_properties())
	.build()
}
