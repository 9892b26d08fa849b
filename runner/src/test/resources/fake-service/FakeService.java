/** A stand-in for a service: announces itself with its pid, then waits to be stopped or killed. */
public class FakeService {

    public static void main(String[] args) throws InterruptedException {
        System.out.println("fake service started, pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
