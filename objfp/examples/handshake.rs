//! A service and a client that check each other's interface fingerprint at handshake,
//! before any call: a client built against another version of the service trait is refused
//! with what differs. Run with `cargo run -p objfp --example handshake`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

use objfp::{Fingerprint, InterfaceDescription, TypeFingerprint};

#[derive(objfp::TypeFingerprint, Debug)]
pub struct Order {
    pub id: u64,
    pub cents: u64,
}

/// The service as the server implements it.
pub mod server_api {
    use super::Order;

    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        fn total(&self) -> u64;
    }
}

/// The service as an up-to-date client knows it: the same methods, listed in another
/// order, with other parameter names.
pub mod client_api {
    use super::Order;

    #[objfp::interface]
    pub trait Orders {
        fn total(&self) -> u64;
        fn place(&mut self, new_order: Order) -> u64;
    }
}

/// A stale client, built when `place` took the amount alone.
pub mod stale_client_api {
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, cents: u32) -> u64;
        fn total(&self) -> u64;
    }
}

struct Book {
    orders: Vec<Order>,
}

impl server_api::Orders for Book {
    fn place(&mut self, order: Order) -> u64 {
        self.orders.push(order);
        self.orders.len() as u64
    }
    fn total(&self) -> u64 {
        self.orders.iter().map(|o| o.cents).sum()
    }
}

/// Serves one connection: sends the interface fingerprint, waits for "ok", then answers.
fn serve(listener: TcpListener) -> std::io::Result<()> {
    use server_api::Orders as _;
    let mut book = Book { orders: Vec::new() };
    for _ in 0..2 {
        let (stream, _) = listener.accept()?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut writer = stream;
        writeln!(
            writer,
            "{}",
            objfp::interface_of!(server_api::Orders).fingerprint
        )?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim() != "ok" {
            continue;
        }
        let id = book.place(Order { id: 7, cents: 1250 });
        writeln!(writer, "placed order #{id}, total {} cents", book.total())?;
    }
    Ok(())
}

/// Connects, compares the server's interface with the one the client was built against.
fn client(addr: std::net::SocketAddr, mine: &InterfaceDescription) -> std::io::Result<()> {
    let stream = TcpStream::connect(addr)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let theirs: Fingerprint = match line.trim().parse() {
        Ok(fp) => fp,
        Err(err) => {
            println!("  refused: the server sent no fingerprint ({err})");
            return Ok(());
        }
    };
    if theirs != mine.fingerprint {
        println!(
            "  refused: server offers Orders interface {}, this client was built for {}",
            theirs.short(),
            mine.fingerprint.short()
        );
        for m in mine.methods {
            let params: Vec<_> = m.params.iter().map(|p| p().name).collect();
            println!("    this client expects {}({})", m.name, params.join(", "));
        }
        writeln!(writer, "bye")?;
        return Ok(());
    }
    writeln!(writer, "ok")?;
    line.clear();
    reader.read_line(&mut line)?;
    println!("  interface {} agreed; {}", theirs.short(), line.trim());
    Ok(())
}

fn main() -> std::io::Result<()> {
    println!("Order                    {}", Order::FINGERPRINT);
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server = thread::spawn(move || serve(listener));

    println!("up-to-date client:");
    client(addr, objfp::interface_of!(client_api::Orders))?;
    println!("stale client:");
    client(addr, objfp::interface_of!(stale_client_api::Orders))?;

    server.join().expect("server thread")?;
    Ok(())
}
