use crate::{mock::*, Counter, Error, Event, LastChanged, MAX_VALUE};
use frame::testing_prelude::*;

#[test]
fn counter_starts_at_zero() {
	new_test_ext().execute_with(|| {
		assert_eq!(Counter::<Test>::get(), 0);
		assert_eq!(LastChanged::<Test>::get(), None);
	});
}

#[test]
fn set_counter_stores_the_value_and_emits_an_event() {
	new_test_ext().execute_with(|| {
		assert_ok!(TemplatePallet::set_counter(RuntimeOrigin::signed(1), 42));

		assert_eq!(Counter::<Test>::get(), 42);
		assert_eq!(LastChanged::<Test>::get(), Some(1));
		System::assert_last_event(Event::<Test>::CounterSet { who: 1, value: 42 }.into());
	});
}

#[test]
fn set_counter_refuses_values_above_the_maximum() {
	new_test_ext().execute_with(|| {
		assert_ok!(TemplatePallet::set_counter(RuntimeOrigin::signed(1), MAX_VALUE));
		assert_noop!(
			TemplatePallet::set_counter(RuntimeOrigin::signed(1), MAX_VALUE + 1),
			Error::<Test>::ValueTooLarge
		);
	});
}

#[test]
fn increment_adds_to_the_counter() {
	new_test_ext().execute_with(|| {
		assert_ok!(TemplatePallet::set_counter(RuntimeOrigin::signed(1), 40));
		System::set_block_number(2);
		assert_ok!(TemplatePallet::increment(RuntimeOrigin::signed(2), 2));

		assert_eq!(Counter::<Test>::get(), 42);
		assert_eq!(LastChanged::<Test>::get(), Some(2));
		System::assert_last_event(
			Event::<Test>::CounterIncreased { who: 2, by: 2, value: 42 }.into(),
		);
	});
}

#[test]
fn increment_stops_at_the_maximum_and_at_overflow() {
	new_test_ext().execute_with(|| {
		assert_ok!(TemplatePallet::set_counter(RuntimeOrigin::signed(1), MAX_VALUE));
		assert_noop!(
			TemplatePallet::increment(RuntimeOrigin::signed(1), 1),
			Error::<Test>::ValueTooLarge
		);
		assert_noop!(
			TemplatePallet::increment(RuntimeOrigin::signed(1), u32::MAX),
			Error::<Test>::Overflow
		);
	});
}

#[test]
fn calls_need_a_signed_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TemplatePallet::set_counter(RuntimeOrigin::none(), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(TemplatePallet::increment(RuntimeOrigin::root(), 1), DispatchError::BadOrigin);
	});
}

#[test]
fn only_root_resets_the_counter() {
	new_test_ext().execute_with(|| {
		assert_ok!(TemplatePallet::set_counter(RuntimeOrigin::signed(1), 7));
		assert_noop!(TemplatePallet::reset(RuntimeOrigin::signed(1)), DispatchError::BadOrigin);

		assert_ok!(TemplatePallet::reset(RuntimeOrigin::root()));
		assert_eq!(Counter::<Test>::get(), 0);
		assert_eq!(LastChanged::<Test>::get(), None);
		System::assert_last_event(Event::<Test>::CounterReset.into());
	});
}
