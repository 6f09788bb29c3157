//! The Sp9 parachain runtime.
//!
//! A Cumulus runtime with Aura block authoring, collator selection and XCM, laid out for
//! asynchronous backing as described in the async backing guide. A comment naming the guide
//! step sits next to the code that implements it; `README.md` maps each step to its line.

#![cfg_attr(not(feature = "std"), no_std)]
// The runtime macros recurse deeply; the default limit is not enough for them.
#![recursion_limit = "256"]

// The WASM blob `build.rs` compiles, embedded in native builds.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
mod genesis_config_presets;
mod weights;

extern crate alloc;
use alloc::vec::Vec;
use smallvec::smallvec;

use polkadot_sdk::{staging_parachain_info as parachain_info, *};

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};

#[cfg(feature = "std")]
use sp_version::NativeVersion;
use sp_version::RuntimeVersion;

use frame_support::weights::{
	constants::WEIGHT_REF_TIME_PER_SECOND, Weight, WeightToFeeCoefficient, WeightToFeeCoefficients,
	WeightToFeePolynomial,
};
pub use genesis_config_presets::PARACHAIN_ID;
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
pub use sp_runtime::{MultiAddress, Perbill, Permill};

use weights::ExtrinsicBaseWeight;

/// The signature type of transactions: any of the supported schemes.
pub type Signature = MultiSignature;

/// An account on this chain: the public key of the signing scheme above.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account.
pub type Balance = u128;

/// Transaction counter of an account.
pub type Nonce = u32;

/// Hash of blocks, extrinsics and storage.
pub type Hash = sp_core::H256;

/// Parachain block number.
pub type BlockNumber = u32;

/// How transactions name accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block of this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// Identifies a block by hash or number.
pub type BlockId = generic::BlockId<Block>;

/// The checks and extensions every transaction goes through.
///
/// `StorageWeightReclaim` wraps the whole tuple and gives back the proof size a transaction
/// reserved but did not use.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// An extrinsic as it arrives from outside, before its signature is checked.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Runtime migrations beyond the pallets' own (a tuple of `OnRuntimeUpgrade` types).
#[allow(unused_parens)]
type Migrations = ();

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Turns weight into a fee.
///
/// The cheapest extrinsic (`ExtrinsicBaseWeight`) costs `EXTRINSIC_BASE_FEE`; fees grow linearly
/// with weight from there.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = EXTRINSIC_BASE_FEE;
		let q = 100 * Balance::from(ExtrinsicBaseWeight::get().ref_time());
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

/// Types the node uses without knowing the runtime's concrete extrinsic format, so it keeps
/// syncing across runtime upgrades that change it.
pub mod opaque {
	use super::*;
	pub use polkadot_sdk::sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	use polkadot_sdk::sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("sp9-runtime"),
	impl_name: alloc::borrow::Cow::Borrowed("sp9-runtime"),
	authoring_version: 1,
	spec_version: 1,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

// async-parachain:begin async-backing/block-times
/// Block times. `MILLI_SECS_PER_BLOCK` is the block time that `MINUTES`, `HOURS` and `DAYS` count;
/// `SLOT_DURATION` is the Aura slot, which drives authoring and, through it, `pallet_timestamp`.
mod block_times {
	// [guide 1.3] The target block time and the Aura slot duration.
	// [guide 3.3] Phase 3 shortens the block time to the relay slot divided by the velocity.
	/// Average time between two parachain blocks, in milliseconds.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;

	/// Aura slot duration. It cannot change on a running chain: a different value stops block
	/// production.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
}
pub use block_times::*;

// Durations counted in parachain blocks; they follow the block time (`MILLI_SECS_PER_BLOCK`).
// Logic that must not change speed when the block time changes counts relay blocks instead:
// see `RELAY_MINUTES` and `RelayBlockNumberProvider` below.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;
// async-parachain:end async-backing/block-times

// async-parachain:begin chain/token
/// Native token symbol.
pub const TOKEN_SYMBOL: &str = "UNIT";
/// Decimal places of the native token.
pub const TOKEN_DECIMALS: u8 = 12;

/// One whole token in its smallest indivisible units.
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = 1_000_000_000;
pub const MICRO_UNIT: Balance = 1_000_000;

/// The least balance an account must hold to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = 1_000_000_000;

/// Fee of the lightest extrinsic (`ExtrinsicBaseWeight`): a tenth of `MILLI_UNIT`.
pub const EXTRINSIC_BASE_FEE: Balance = 100_000_000;
/// Fee per byte of a transaction: ten `MICRO_UNIT`.
pub const TRANSACTION_BYTE_FEE: Balance = 10_000_000;
// async-parachain:end chain/token

/// About 5% of the block weight is expected to go to `on_initialize` hooks; this bounds the
/// weight of a single extrinsic.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// `Normal` extrinsics may fill up to 75% of a block; the rest is kept for `Operational` ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

// async-parachain:begin async-backing/max-block-weight
// [guide 3.4] Async backing gives a block 2 s of execution time.
/// Execution time and proof size one block may use: 2 s of compute, and the relay chain's
/// largest proof of validity.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);
// async-parachain:end async-backing/max-block-weight

// async-parachain:begin async-backing/params
/// Asynchronous backing parameters.
mod async_backing_params {
	// [guide 1.1] How many blocks may wait for inclusion, and how many are built per relay slot.
	// [guide 3.2] Phase 3 raises the capacity above 1 so blocks can be built ahead.
	/// Maximum number of parachain blocks the runtime accepts that the relay chain has not
	/// included yet.
	pub(crate) const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
	/// Parachain blocks the relay chain processes per relay parent: the most blocks authored in
	/// one relay slot.
	pub(crate) const BLOCK_PROCESSING_VELOCITY: u32 = 1;
	// [guide 1.2] The relay chain's slot duration.
	/// Relay chain slot duration, in milliseconds.
	pub(crate) const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
	/// Relay blocks behind the relay chain's tip a block is built on: 0, the newest, as the
	/// lookahead collator does. Elastic scaling raises it (parachain-system's
	/// `RelayParentOffset`, read by the slot-based collator through `RelayParentOffsetApi`).
	pub(crate) const RELAY_PARENT_OFFSET: u32 = 0;
}
pub(crate) use async_backing_params::*;
// async-parachain:end async-backing/params

// async-parachain:begin async-backing/consensus-hook
// [guide 1.4] The consensus hook: enforces the velocity and the unincluded-segment capacity.
/// Aura consensus hook, used by `cumulus_pallet_parachain_system` and by the
/// `AuraUnincludedSegmentApi` the collator asks before it builds a block.
type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;
// async-parachain:end async-backing/consensus-hook

/// Relay chain block number.
pub type RelayBlockNumber = cumulus_primitives_core::relay_chain::BlockNumber;

/// Reads the relay chain block number for timing.
///
/// Durations counted in parachain blocks (`MINUTES`, `HOURS`, `DAYS`) change length whenever
/// the parachain block time changes, e.g. from 12 s to 6 s when async backing is turned on.
/// Relay chain blocks keep their pace, so timing logic that must not drift should count them:
/// pass this type wherever a pallet takes a `BlockNumberProvider` (for example a
/// `BlockNumberProvider` config item), or call [`relay_block_number`].
///
/// It returns the number of the relay parent the current block is built on, and falls back to
/// the last one recorded by `cumulus_pallet_parachain_system` (`LastRelayChainBlockNumber`)
/// where the validation data is not set yet, e.g. in `on_initialize`.
pub type RelayBlockNumberProvider =
	cumulus_pallet_parachain_system::RelaychainDataProvider<Runtime>;

/// The relay chain block number the current block is built on; see
/// [`RelayBlockNumberProvider`].
pub fn relay_block_number() -> RelayBlockNumber {
	<RelayBlockNumberProvider as sp_runtime::traits::BlockNumberProvider>::current_block_number()
}

// Durations counted in relay chain blocks, unaffected by the parachain block time.
pub const RELAY_MINUTES: RelayBlockNumber = 60_000 / RELAY_CHAIN_SLOT_DURATION_MILLIS;
pub const RELAY_HOURS: RelayBlockNumber = RELAY_MINUTES * 60;
pub const RELAY_DAYS: RelayBlockNumber = RELAY_HOURS * 24;

/// Version of the native runtime.
#[cfg(feature = "std")]
pub fn native_version() -> NativeVersion {
	NativeVersion { runtime_version: VERSION, can_author_with: Default::default() }
}

// The runtime: every pallet configured in `configs`, with its index.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Balances and fees.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Governance.
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;

	// Collators. Keep these four in this order: authorship and collator selection must run
	// before session, and session before Aura.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// The example pallet in `pallets/template`.
	#[runtime::pallet_index(50)]
	pub type TemplatePallet = pallet_template;
}

// async-parachain:begin consensus/validate-block
// [guide 1.8] No `CheckInherents`: the consensus hook makes it unnecessary.
cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
// async-parachain:end consensus/validate-block
