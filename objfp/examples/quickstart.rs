//! Prints the fingerprints of a few wire types and shows a change three levels deep being
//! detected, with what changed and which formats still read old data. Run with
//! `cargo run -p objfp --example quickstart`.
#![allow(dead_code)]

use objfp::TypeFingerprint;
use objfp::compat::Compatibility;

/// Version 1 of an order, as a service sends it today.
mod v1 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Price {
        pub cents: u32,
        pub currency: String,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: Price,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        pub note: Option<String>,
    }
}

/// The same order after someone widened `Price::cents`, two types below `Order`.
mod v2 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Price {
        pub cents: u64,
        pub currency: String,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: Price,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        pub note: Option<String>,
    }
}

/// Renaming the Rust type, aliasing a field type and adding docs are not wire changes.
mod cosmetic {
    type Sku = String;

    /// Prices are in the smallest unit of the currency.
    #[derive(objfp::TypeFingerprint)]
    pub struct Amount {
        pub cents: u32,
        pub currency: std::string::String,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct LineItem {
        pub sku: Sku,
        pub price: Amount,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct PurchaseOrder {
        pub id: core::primitive::u64,
        pub items: Vec<LineItem>,
        pub note: Option<String>,
    }
}

// Fingerprints are constants, computed while compiling.
const ORDER_V1: objfp::Fingerprint = <v1::Order as TypeFingerprint>::FINGERPRINT;

fn main() {
    println!("v1::Order           {ORDER_V1}");
    println!("v1::Item            {}", v1::Item::FINGERPRINT);
    println!("v1::Price           {}", v1::Price::FINGERPRINT);
    println!("Vec<v1::Item>       {}", <Vec<v1::Item>>::FINGERPRINT);
    println!();

    let cosmetic = cosmetic::PurchaseOrder::FINGERPRINT;
    println!("cosmetic::PurchaseOrder {cosmetic}");
    println!(
        "  same as v1::Order? {} (renames, aliases and docs are not wire changes)",
        cosmetic == ORDER_V1
    );
    println!();

    let v2 = v2::Order::FINGERPRINT;
    println!("v2::Order           {v2}");
    if v2 != ORDER_V1 {
        println!(
            "  wire change detected: v1 {} -> v2 {}",
            ORDER_V1.short(),
            v2.short()
        );
        // What changed, and whether a new reader still reads old data, format by format.
        let report = objfp::compat::check(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
        print!("  {}", report.with_verdicts(Compatibility::Backward));
    }
}
