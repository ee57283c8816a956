//! A real redis-server on a free loopback port, with the keyspace
//! notifications Traefik's Redis provider needs: for the Redis sink's
//! tests, the crash tests and the real-Traefik tests.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::required_tool;
use super::traefik::free_ports;

pub struct RedisServer {
    child: Child,
    pub port: u16,
    pub password: Option<String>,
}

impl RedisServer {
    pub fn start() -> RedisServer {
        RedisServer::start_on(free_ports(1)[0], None)
    }

    pub fn start_with_password(password: &str) -> RedisServer {
        RedisServer::start_on(free_ports(1)[0], Some(password))
    }

    /// A server on `port` (again, after [`RedisServer::stop`]: empty, as
    /// nothing persists). Fails the test when redis-server is missing.
    #[track_caller]
    pub fn start_on(port: u16, password: Option<&str>) -> RedisServer {
        let mut cmd = Command::new(required_tool("redis-server", "redis-server"));
        cmd.args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .args(["--notify-keyspace-events", "KEA"]);
        if let Some(pw) = password {
            cmd.args(["--requirepass", pw]);
        }
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run redis-server");
        let server = RedisServer {
            child,
            port,
            password: password.map(str::to_string),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "redis-server did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// The URL authgate's sink takes (never with the password).
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    /// The endpoint Traefik's Redis provider takes.
    pub fn endpoint(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A connection, or `None` while the server is down.
    pub fn conn_opt(&self) -> Option<redis::Connection> {
        let url = match &self.password {
            Some(pw) => format!("redis://:{pw}@127.0.0.1:{}/0", self.port),
            None => self.url(),
        };
        let mut conn = redis::Client::open(url).ok()?.get_connection().ok()?;
        redis::cmd("PING").query::<String>(&mut conn).ok()?;
        Some(conn)
    }

    pub fn conn(&self) -> redis::Connection {
        self.conn_opt().expect("connect to redis")
    }

    /// The server's process id (to stop and resume it, as a hung server).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}
